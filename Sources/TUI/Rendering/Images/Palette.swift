/// A colour scale for pictures: `sequential` for activations (dark → bright, viridis-like),
/// `diverging` for signed values (blue → grey → red, zero in the middle).
public enum Palette: String, Sendable, CaseIterable {
  case sequential
  case diverging

  private var stops: [RGB] {
    switch self {
    case .sequential:
      return [RGB(68, 1, 84), RGB(59, 82, 139), RGB(33, 145, 140), RGB(94, 201, 98),
        RGB(253, 231, 37)]
    case .diverging:
      return [RGB(59, 76, 192), RGB(221, 221, 221), RGB(180, 4, 38)]
    }
  }

  /// The colour at `t` in `0...1` (clamped), linear between evenly spaced stops.
  public func color(at t: Double) -> RGB {
    let s = stops
    let x = (t.isNaN ? 0 : min(1, max(0, t))) * Double(s.count - 1)
    let i = min(s.count - 2, Int(x))
    let f = x - Double(i)
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * f).rounded())
    }
    return RGB(
      mix(s[i].red, s[i + 1].red), mix(s[i].green, s[i + 1].green), mix(s[i].blue, s[i + 1].blue))
  }
}
