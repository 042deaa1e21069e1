/// How a `LossChart` draws its line.
///
/// - `braille`: 2x4 dots per cell (the finest resolution, Unicode).
/// - `blocks`: a filled area in eighth blocks `▁▂▃▄▅▆▇█` (Unicode).
/// - `ascii`: one `*` per column (7-bit).
public enum ChartStyle: String, Sendable, CaseIterable {
  case braille
  case blocks
  case ascii

  /// The default style for a charset: braille for Unicode, `*` for ASCII.
  public init(charset: Charset) {
    self = charset == .unicode ? .braille : .ascii
  }
}
