import Core
import Foundation

/// Kernels as numbers (`show filters L values`): small grids side by side, each under its
/// caption, every number right-aligned to one shared width, wrapped into blocks of grids that
/// fit the line width.
///
/// A `k x k` grid takes `k·w + (k − 1)` columns for numbers `w` characters wide (`-0.123`: 6),
/// so a 3x3 grid is 20 columns and three fit 80 columns with `gap` 3 between them; an 11x11
/// grid (76) is the widest that fits 80 alone.
enum KernelValues {
  /// Blank columns between two grids of one block.
  static let gap = 3

  /// One number with 3 decimals (`-0.123`, `0.000`: no negative zero).
  static func number(_ x: Float) -> String {
    let text = String(format: "%.3f", Double(x))
    return text == "-0.000" ? "0.000" : text
  }

  /// Columns one grid of side `k` takes when its widest number is `w` characters.
  static func gridWidth(side k: Int, numberWidth w: Int) -> Int { k * w + (k - 1) }

  /// The widest number among `grids`.
  static func numberWidth(_ grids: [Grid]) -> Int {
    grids.flatMap(\.values).map { number($0).count }.max() ?? 1
  }

  /// The grids as text: blocks of as many grids as fit `width`, a blank line between blocks;
  /// each grid under its caption, rows top to bottom. Nil when one grid alone is wider than
  /// `width`.
  static func lines(_ grids: [(caption: String, grid: Grid)], width: Int = 80) -> [String]? {
    let w = numberWidth(grids.map(\.grid))
    let side = grids.map(\.grid.width).max() ?? 0
    let height = grids.map(\.grid.height).max() ?? 0
    let block = max(gridWidth(side: side, numberWidth: w), grids.map(\.caption.count).max() ?? 0)
    guard block <= width else { return nil }
    let perLine = max(1, (width + gap) / (block + gap))
    var out: [String] = []
    var start = 0
    while start < grids.count {
      if start > 0 { out.append("") }
      let group = grids[start..<min(grids.count, start + perLine)]
      func joined(_ cells: [String]) -> String {
        var line = ""
        for (i, cell) in cells.enumerated() {
          let last = i == cells.count - 1
          line += last ? cell : cell.padding(toLength: block + gap, withPad: " ", startingAt: 0)
        }
        return String(line.reversed().drop { $0 == " " }.reversed())
      }
      out.append(joined(group.map(\.caption)))
      for y in 0..<height {
        out.append(
          joined(
            group.map { item in
              guard y < item.grid.height else { return "" }
              return (0..<item.grid.width).map { x in
                let text = number(item.grid[y, x])
                return String(repeating: " ", count: max(0, w - text.count)) + text
              }.joined(separator: " ")
            }))
      }
      start += perLine
    }
    return out
  }
}
