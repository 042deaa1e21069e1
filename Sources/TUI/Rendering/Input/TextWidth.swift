/// Terminal column widths of text, independent of the C locale (so tests and the UI agree).
///
/// 0 for combining marks, zero-width joiners and variation selectors; 2 for East Asian wide and
/// fullwidth characters and most emoji; 2 for a control character (drawn as `^X`); 1 otherwise.
public enum TextWidth {
  public static func columns(of scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x20 || v == 0x7F { return 2 }
    if v < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0xFE00...0xFE0F).contains(v) { return 0 }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return wide.contains { $0.contains(v) } ? 2 : 1
  }

  public static func columns(of character: Character) -> Int {
    character.unicodeScalars.reduce(0) { $0 + columns(of: $1) }
  }

  public static func columns(of text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + columns(of: $1) }
  }

  /// The longest prefix of `text` that fits in `columns`.
  public static func prefix(_ text: String, columns limit: Int) -> String {
    var out = ""
    var used = 0
    for ch in text {
      let w = columns(of: ch)
      if used + w > limit { break }
      out.append(ch)
      used += w
    }
    return out
  }
}
