/// Kitty's Unicode placeholders: an image shown in ordinary text cells, so that ncurses and
/// tmux move, clip and erase it like text.
///
/// The image is transmitted once with a virtual placement (`U=1`, `c` columns, `r` rows,
/// image id `i`); then each cell of the area is the character U+10EEEE followed by two
/// combining marks from the protocol's table, the first naming the cell's row, the second its
/// column, and drawn in the foreground colour whose 256-colour index is the image id.
public enum KittyPlaceholder {
  /// The placeholder character.
  public static let character: Unicode.Scalar = "\u{10EEEE}"

  /// The protocol's numbering marks, in order (index k stands for row or column k): the first
  /// ranges of kitty's `rowcolumn-diacritics.txt`, 151 of them.
  public static let diacritics: [Unicode.Scalar] = {
    let ranges: [ClosedRange<UInt32>] = [
      0x305...0x305, 0x30D...0x30E, 0x310...0x310, 0x312...0x312, 0x33D...0x33F, 0x346...0x346,
      0x34A...0x34C, 0x350...0x352, 0x357...0x357, 0x35B...0x35B, 0x363...0x36F, 0x483...0x487,
      0x592...0x595, 0x597...0x599, 0x59C...0x5A1, 0x5A8...0x5A9, 0x5AB...0x5AC, 0x5AF...0x5AF,
      0x5C4...0x5C4, 0x610...0x617, 0x657...0x65B, 0x65D...0x65E, 0x6D6...0x6DC, 0x6DF...0x6E2,
      0x6E4...0x6E4, 0x6E7...0x6E8, 0x6EB...0x6EC, 0x730...0x730, 0x732...0x733, 0x735...0x736,
      0x73A...0x73A, 0x73D...0x73D, 0x73F...0x741, 0x743...0x743, 0x745...0x745, 0x747...0x747,
      0x749...0x74A, 0x7EB...0x7F1, 0x7F3...0x7F3, 0x816...0x819, 0x81B...0x823, 0x825...0x827,
      0x829...0x82D, 0x951...0x951, 0x953...0x954, 0xF82...0xF83, 0xF86...0xF87,
      0x135D...0x135F, 0x17DD...0x17DD, 0x193A...0x193A, 0x1A17...0x1A17, 0x1A75...0x1A7C,
      0x1B6B...0x1B6B,
    ]
    return ranges.flatMap { $0.compactMap(Unicode.Scalar.init) }
  }()

  /// The most rows or columns an image may cover.
  public static var maxSide: Int { diacritics.count }

  /// The cell at `row`, `column` of an image (both below ``maxSide``).
  public static func cell(row: Int, column: Int) -> Character {
    var scalars = String.UnicodeScalarView()
    scalars.append(character)
    scalars.append(diacritics[min(row, maxSide - 1)])
    scalars.append(diacritics[min(column, maxSide - 1)])
    return Character(String(scalars))
  }

  /// The `rows x columns` cells showing image `id` (1...255, the foreground colour index).
  public static func cells(id: UInt8, columns: Int, rows: Int) -> [[TerminalCell]] {
    (0..<min(rows, maxSide)).map { row in
      (0..<min(columns, maxSide)).map { column in
        TerminalCell(cell(row: row, column: column), foreground: .indexed(id))
      }
    }
  }

  /// The row and column a placeholder cell names, nil for any other character.
  public static func position(of cell: Character) -> (row: Int, column: Int)? {
    let scalars = Array(cell.unicodeScalars)
    guard scalars.count == 3, scalars[0] == character,
      let row = diacritics.firstIndex(of: scalars[1]),
      let column = diacritics.firstIndex(of: scalars[2])
    else { return nil }
    return (row, column)
  }
}
