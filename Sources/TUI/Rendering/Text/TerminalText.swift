/// Text from outside (a script's comments, file and folder names, tensor names, class names,
/// CSV fields, what a share sends) made harmless for a terminal: every control character
/// except the tab is shown instead of obeyed, so no escape sequence in it can move the cursor,
/// retitle the window, clear the screen or answer back.
///
/// C0 controls and DEL use caret notation as `cat -v` does (`ESC` → `^[`, `CR` → `^M`,
/// `DEL` → `^?`); C1 controls (U+0080–U+009F, which some terminals obey as `ESC` + a letter)
/// become `<U+009B>`. Newlines are kept only where a caller allows them (``multiline(_:)``).
public enum TerminalText {
  /// `text` as one safe line (a newline inside it shows as `^J`).
  public static func line(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { append(scalar, to: &result) }
    return String(result)
  }

  /// `text` with its newlines kept and every other control shown (see ``line(_:)``).
  public static func multiline(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }
      .joined(separator: "\n")
  }

  /// Whether `scalar` is a control a terminal could obey (the tab excepted).
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return (v < 0x20 && v != 0x09) || (0x7F...0x9F).contains(v)
  }

  private static func append(_ scalar: Unicode.Scalar, to result: inout String.UnicodeScalarView) {
    let v = scalar.value
    switch v {
    case 0x09: result.append(scalar)
    case 0x00..<0x20:
      result.append("^")
      result.append(Unicode.Scalar(UInt8(v + 0x40)))
    case 0x7F: result.append(contentsOf: "^?".unicodeScalars)
    case 0x80...0x9F:
      let hex = String(v, radix: 16, uppercase: true)
      result.append(contentsOf: "<U+00\(hex)>".unicodeScalars)
    default: result.append(scalar)
    }
  }
}
