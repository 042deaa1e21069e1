import Foundation

/// Small grids of numbers laid out side by side, wrapping to the next band of lines when the
/// next grid would pass the width (`show conv`'s patch × kernel = products, `show filters …
/// values`). Every cell is right-aligned in ``cellWidth`` columns.
enum NumberBlocks {
  /// A titled grid, already formatted.
  struct Block {
    var title: String
    var rows: [String]
    var width: Int { max(title.count, rows.map(\.count).max() ?? 0) }
  }

  static let cellWidth = 7

  /// One number in ``cellWidth`` columns: three decimals, or three significant digits when
  /// that would not fit (`  0.118`, ` -0.301`, `1.2e+03`).
  static func cell(_ x: Float) -> String {
    var text = String(format: "%.3f", Double(x))
    if text == "-0.000" { text = "0.000" }
    if text.count > cellWidth - 1 { text = String(format: "%.3g", Double(x)) }
    return String(repeating: " ", count: max(0, cellWidth - text.count)) + text
  }

  /// A `height x width` grid of `values` (row-major); cells flagged in `marked` show `pad`
  /// instead of their number (padding a window reads as zero).
  static func grid(
    _ values: [Float], width: Int, title: String, marked: [Bool]? = nil, markText: String = "pad"
  ) -> Block {
    let height = width == 0 ? 0 : values.count / width
    let rows = (0..<height).map { y in
      (0..<width).map { x -> String in
        let j = y * width + x
        if let marked, marked[j] {
          return String(repeating: " ", count: max(0, cellWidth - markText.count)) + markText
        }
        return cell(values[j])
      }.joined()
    }
    return Block(title: title, rows: rows)
  }

  /// The blocks side by side, `gap` columns apart, indented by `indent`, in bands no wider
  /// than `width`.
  static func layout(_ blocks: [Block], indent: Int = 2, gap: Int = 3, width: Int = 80) -> [String]
  {
    var lines: [String] = []
    var band: [Block] = []
    var used = indent
    func flush() {
      guard !band.isEmpty else { return }
      let height = band.map(\.rows.count).max() ?? 0
      for r in -1..<height {
        var line = String(repeating: " ", count: indent)
        for (i, block) in band.enumerated() {
          let text = r < 0 ? block.title : (r < block.rows.count ? block.rows[r] : "")
          line += text + String(repeating: " ", count: block.width - text.count)
          if i < band.count - 1 { line += String(repeating: " ", count: gap) }
        }
        while line.hasSuffix(" ") { line.removeLast() }
        lines.append(line)
      }
      band = []
      used = indent
    }
    for block in blocks {
      let extra = (band.isEmpty ? 0 : gap) + block.width
      if !band.isEmpty, used + extra > width { flush() }
      band.append(block)
      used += band.count == 1 ? block.width : extra
    }
    flush()
    return lines
  }
}
