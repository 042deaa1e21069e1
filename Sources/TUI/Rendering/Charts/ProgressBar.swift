/// A progress bar of an exact width, rendered as text.
///
/// Unicode: `n = floor(f·w·8)` eighths; `n/8` full blocks `█`, one partial block from
/// `▏▎▍▌▋▊▉` for `n mod 8`, then `░` for the rest. ASCII: `[`, `floor(f·(w-2))` `#`, `.` for
/// the rest, `]`. `f` is clamped to `0...1`; NaN counts as 0.
public struct ProgressBar: Sendable, Equatable {
  public var fraction: Double
  public var charset: Charset

  public init(fraction: Double, charset: Charset = .unicode) {
    self.fraction = fraction
    self.charset = charset
  }

  /// Renders exactly `width` columns (empty for `width <= 0`).
  public func render(width: Int) -> String {
    guard width > 0 else { return "" }
    let f = fraction.isNaN ? 0 : min(1, max(0, fraction))
    switch charset {
    case .unicode:
      let eighths = Int((f * Double(width) * 8).rounded(.down))
      let full = min(width, eighths / 8)
      let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
      var bar = String(repeating: "█", count: full)
      if full < width, eighths % 8 > 0 {
        bar.append(partials[eighths % 8 - 1])
      }
      return bar + String(repeating: "░", count: width - bar.count)
    case .ascii:
      guard width >= 3 else {
        return String(repeating: "#", count: Int(f * Double(width)))
          + String(repeating: ".", count: width - Int(f * Double(width)))
      }
      let inner = width - 2
      let filled = min(inner, Int((f * Double(inner)).rounded(.down)))
      return "[" + String(repeating: "#", count: filled)
        + String(repeating: ".", count: inner - filled) + "]"
    }
  }
}
