/// What the input line shows: the prompt and readline's buffer, scrolled so the cursor is
/// visible, with the cursor column computed in display columns (wide and combining characters).
///
/// `point` is a byte offset into the UTF-8 `buffer` (readline's `rl_point`). Control characters
/// are shown as `^X`. When `prompt + buffer[..<point]` is `c ≥ width` columns wide, whole
/// characters are dropped from the left until the cursor fits at column `width - 1`.
public struct InputLineView: Sendable, Equatable {
  public var text: String
  public var cursorColumn: Int

  public init(text: String, cursorColumn: Int) {
    self.text = text
    self.cursorColumn = cursorColumn
  }

  public static func render(prompt: String, buffer: [UInt8], point: Int, width: Int)
    -> InputLineView
  {
    let p = min(max(0, point), buffer.count)
    let before = visible(prompt) + visible(String(decoding: buffer[..<p], as: UTF8.self))
    let after = visible(String(decoding: buffer[p...], as: UTF8.self))
    var head = Substring(before)
    var column = TextWidth.columns(of: before)
    while column >= width, let first = head.first {
      column -= TextWidth.columns(of: first)
      head = head.dropFirst()
    }
    let text = TextWidth.prefix(String(head) + after, columns: max(0, width))
    return InputLineView(text: text, cursorColumn: max(0, column))
  }

  /// Control characters as `^X` (so the width table's 2 columns match what is drawn).
  static func visible(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      if scalar.value < 0x20, let caret = Unicode.Scalar(scalar.value + 64) {
        out += "^" + String(Character(caret))
      } else if scalar.value == 0x7F {
        out += "^?"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
