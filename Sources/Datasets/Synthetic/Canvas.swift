import Core

/// One grey image drawn from a signed distance function, anti-aliased, with Gaussian noise.
///
/// For the pixel centred at `p = (x + ½, y + ½)` (y grows downwards) and a distance `d(p)`
/// (negative inside the shape), the ink coverage is `clamp(½ − d, 0, 1)` for a filled shape and
/// `clamp(t/2 + ½ − |d|, 0, 1)` for an outline of thickness `t`. The byte is
/// `round(clamp(255·(ink·coverage + noise·z), 0, 255))` with `z ~ N(0, 1)` per pixel.
struct Canvas {
  enum Style {
    case filled
    case outlined(thickness: Float)
  }

  let size: Int

  /// Appends one `size x size` image to `pixels`.
  func draw(
    into pixels: inout [UInt8], style: Style, ink: Float, noise: Float,
    random: inout SeededRandom, distance: (Float, Float) -> Float
  ) {
    for y in 0..<size {
      for x in 0..<size {
        let d = distance(Float(x) + 0.5, Float(y) + 0.5)
        let coverage: Float
        switch style {
        case .filled: coverage = min(max(0.5 - d, 0), 1)
        case .outlined(let t): coverage = min(max(t / 2 + 0.5 - abs(d), 0), 1)
        }
        var value = ink * coverage
        if noise > 0 { value += random.normal(standardDeviation: noise) }
        pixels.append(UInt8((min(max(value, 0), 1) * 255).rounded()))
      }
    }
  }

  /// Distance from `(px, py)` to the segment `a`–`b`.
  static func segmentDistance(
    _ px: Float, _ py: Float, from a: (Float, Float), to b: (Float, Float)
  ) -> Float {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1)
    let (qx, qy) = (px - a.0, py - a.1)
    let t = min(max((qx * dx + qy * dy) / max(dx * dx + dy * dy, 1e-12), 0), 1)
    let (ex, ey) = (qx - t * dx, qy - t * dy)
    return (ex * ex + ey * ey).squareRoot()
  }

  /// Signed distance to an axis-aligned box of half sides `hx`, `hy` centred at the origin.
  static func boxDistance(_ px: Float, _ py: Float, hx: Float, hy: Float) -> Float {
    let qx = abs(px) - hx
    let qy = abs(py) - hy
    let outside = (max(qx, 0) * max(qx, 0) + max(qy, 0) * max(qy, 0)).squareRoot()
    return outside + min(max(qx, qy), 0)
  }

  /// Signed distance to an upright equilateral triangle of half side `r`, centroid at the origin
  /// (`py` grows upwards here).
  static func triangleDistance(_ px: Float, _ py: Float, r: Float) -> Float {
    let k = Float(3).squareRoot()
    var x = abs(px) - r
    var y = py + r / k
    if x + k * y > 0 { (x, y) = ((x - k * y) / 2, (-k * x - y) / 2) }
    x -= min(max(x, -2 * r), 0)
    let length = (x * x + y * y).squareRoot()
    return y > 0 ? -length : length
  }
}
