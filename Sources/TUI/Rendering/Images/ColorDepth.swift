/// How many colours the output may use. Ordered: `none < basic < ansi256 < trueColor`.
///
/// Pictures need `ansi256` or better; with `none` or `basic` they use the ASCII ramp.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
  case none = 0
  /// The 8 standard colours (styles such as red errors, no pictures).
  case basic = 1
  case ansi256 = 2
  case trueColor = 3

  public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}
