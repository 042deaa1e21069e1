/// Turns rows of `TerminalCell`s into strings with SGR colour escapes (for line mode).
///
/// Escapes are emitted only when a colour changes; a row that used colour ends in `ESC[0m`.
/// Rows without colours come out as plain text.
public enum ANSI {
  public static let reset = "\u{1B}[0m"

  public static func encode(_ rows: [[TerminalCell]]) -> [String] {
    rows.map(encode(row:))
  }

  public static func encode(row: [TerminalCell]) -> String {
    var out = ""
    var fg: CellColor? = nil
    var bg: CellColor? = nil
    var coloured = false
    for cell in row {
      if cell.foreground != fg || cell.background != bg {
        var parts: [String] = []
        if cell.foreground != fg { parts.append(code(cell.foreground, base: 38)) }
        if cell.background != bg { parts.append(code(cell.background, base: 48)) }
        out += "\u{1B}[" + parts.joined(separator: ";") + "m"
        fg = cell.foreground
        bg = cell.background
        coloured = true
      }
      out.append(cell.character)
    }
    if coloured { out += reset }
    return out
  }

  /// `base` 38 for foreground, 48 for background; nil is the default colour (39/49).
  private static func code(_ color: CellColor?, base: Int) -> String {
    switch color {
    case nil: return String(base + 1)
    case .indexed(let i): return "\(base);5;\(i)"
    case .rgb(let c): return "\(base);2;\(c.red);\(c.green);\(c.blue)"
    }
  }
}
