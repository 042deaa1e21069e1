import Foundation

/// A line chart of one series (loss or accuracy per step) rendered as text, no terminal needed.
///
/// Layout of `render(width:height:)`, every line exactly `width` columns:
/// ```
///  2.31┤⠑⠢⣀            <- top label = y max
///      │   ⠉⠒⠤⣀⣀
///  0.12┤        ⠉⠉⠒⠒  <- bottom label = y min
///      └────┴────*──  <- x axis: ┴ epoch start, mark symbols for events
/// ```
/// A mark (a setting changed, e.g. `set lr=`) is also a vertical dotted line (`┊`, `:` in
/// ASCII) through the empty cells of its column, so the change lines up with the curve.
/// x: point `i` of a domain of `n = max(values.count, expectedCount)` points goes to column
/// `round(i·(cols-1)/(n-1))` (points sharing a column are averaged), so a chart with
/// `expectedCount` set fills from the left while training runs. y: `level = round((v-lo)/(hi-lo)·(L-1))`
/// with `L` dot rows (braille: 4 per cell, blocks: 8 per cell, ascii: 1 per cell).
public struct LossChart: Sendable, Equatable {
  public var values: [Double]
  /// The number of points the series will have when complete (nil: just `values.count`).
  public var expectedCount: Int?
  /// Point indices where an epoch starts (index 0 is not drawn).
  public var epochBoundaries: [Int]
  public var marks: [ChartMark]
  public var style: ChartStyle
  /// A fixed y range (e.g. `0...1` for accuracy); nil scales to the data.
  public var yRange: ClosedRange<Double>?

  public init(
    values: [Double], expectedCount: Int? = nil, epochBoundaries: [Int] = [],
    marks: [ChartMark] = [], style: ChartStyle = .braille, yRange: ClosedRange<Double>? = nil
  ) {
    self.values = values
    self.expectedCount = expectedCount
    self.epochBoundaries = epochBoundaries
    self.marks = marks
    self.style = style
    self.yRange = yRange
  }

  /// Formats an axis label with three significant digits (`2.31`, `0.0012`, `98.5`).
  public static func axisLabel(_ value: Double) -> String {
    String(format: "%.3g", value)
  }

  /// Renders `height` lines of exactly `width` columns; blank lines if the area is too small.
  public func render(width: Int, height: Int) -> [String] {
    guard width > 0, height > 0 else { return [] }
    let finite = values.filter { $0.isFinite }
    let (lo, hi) = bounds(finite)
    let top = finite.isEmpty ? "" : Self.axisLabel(hi)
    let bottom = finite.isEmpty ? "" : Self.axisLabel(lo)
    let labelWidth = max(top.count, bottom.count)
    let plotWidth = width - labelWidth - 1
    let plotRows = height - 1
    guard plotWidth >= 2, plotRows >= 1 else {
      return Array(repeating: String(repeating: " ", count: width), count: height)
    }
    let unicode = style != .ascii
    var grid = plot(columns: plotWidth, rows: plotRows, lo: lo, hi: hi)
    for x in markColumns(columns: plotWidth) {
      for row in 0..<plotRows where grid[row][x] == " " { grid[row][x] = unicode ? "┊" : ":" }
    }
    var lines: [String] = []
    for row in 0..<plotRows {
      let label: String
      if row == 0 {
        label = top
      } else if row == plotRows - 1 {
        label = bottom
      } else {
        label = ""
      }
      let padded = String(repeating: " ", count: labelWidth - label.count) + label
      let axis: Character = label.isEmpty ? (unicode ? "│" : "|") : (unicode ? "┤" : "+")
      lines.append(padded + String(axis) + String(grid[row]))
    }
    lines.append(
      String(repeating: " ", count: labelWidth) + (unicode ? "└" : "+")
        + String(xAxis(columns: plotWidth, unicode: unicode)))
    return lines
  }

  private func bounds(_ finite: [Double]) -> (Double, Double) {
    if let range = yRange { return (range.lowerBound, range.upperBound) }
    guard let lo = finite.min(), let hi = finite.max() else { return (0, 1) }
    return hi - lo < 1e-12 ? (lo, lo + 1) : (lo, hi)
  }

  private var domain: Int { max(values.count, expectedCount ?? 0) }

  /// The column (in `columns` slots) of point `index`.
  private func column(of index: Int, columns: Int) -> Int {
    let n = domain
    guard n > 1, columns > 1 else { return 0 }
    let x = (Double(index) * Double(columns - 1) / Double(n - 1)).rounded()
    return min(columns - 1, max(0, Int(x)))
  }

  /// Mean value per column, linearly interpolated between occupied columns.
  private func columnValues(columns: Int) -> [Double?] {
    var sums = [Double](repeating: 0, count: columns)
    var counts = [Int](repeating: 0, count: columns)
    for (i, v) in values.enumerated() where v.isFinite {
      let x = column(of: i, columns: columns)
      sums[x] += v
      counts[x] += 1
    }
    var result: [Double?] = (0..<columns).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
    var previous: Int? = nil
    for x in 0..<columns {
      guard let v = result[x] else { continue }
      if let p = previous, x - p > 1, let pv = result[p] {
        for gap in (p + 1)..<x {
          result[gap] = pv + (v - pv) * Double(gap - p) / Double(x - p)
        }
      }
      previous = x
    }
    return result
  }

  private func level(_ v: Double, lo: Double, hi: Double, levels: Int) -> Int {
    let t = (v - lo) / (hi - lo)
    return min(levels - 1, max(0, Int((t * Double(levels - 1)).rounded())))
  }

  private func plot(columns: Int, rows: Int, lo: Double, hi: Double) -> [[Character]] {
    var grid = Array(repeating: Array(repeating: Character(" "), count: columns), count: rows)
    switch style {
    case .ascii:
      for (x, v) in columnValues(columns: columns).enumerated() {
        guard let v else { continue }
        grid[rows - 1 - level(v, lo: lo, hi: hi, levels: rows)][x] = "*"
      }
    case .blocks:
      let partial: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
      for (x, v) in columnValues(columns: columns).enumerated() {
        guard let v else { continue }
        let eighths = level(v, lo: lo, hi: hi, levels: rows * 8) + 1
        for r in 0..<rows {
          grid[rows - 1 - r][x] = partial[min(8, max(0, eighths - r * 8))]
        }
      }
    case .braille:
      let dotRows = rows * 4
      var dots = Array(repeating: [Bool](repeating: false, count: columns * 2), count: dotRows)
      var previous: Int? = nil
      for (x, v) in columnValues(columns: columns * 2).enumerated() {
        guard let v else {
          previous = nil
          continue
        }
        let y = dotRows - 1 - level(v, lo: lo, hi: hi, levels: dotRows)
        if let p = previous, abs(p - y) > 1 {
          let step = y > p ? 1 : -1
          var fill = p + step
          while fill != y {
            dots[fill][x] = true
            fill += step
          }
        }
        dots[y][x] = true
        previous = y
      }
      let bits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
      for r in 0..<rows {
        for c in 0..<columns {
          var code: UInt32 = 0
          for dx in 0..<2 {
            for dy in 0..<4 where dots[r * 4 + dy][c * 2 + dx] {
              code |= bits[dx][dy]
            }
          }
          if code != 0, let scalar = Unicode.Scalar(0x2800 + code) {
            grid[r][c] = Character(scalar)
          }
        }
      }
    }
    return grid
  }

  private func xAxis(columns: Int, unicode: Bool) -> [Character] {
    var axis = Array(repeating: Character(unicode ? "─" : "-"), count: columns)
    let slots = style == .braille ? columns * 2 : columns
    let scale = style == .braille ? 2 : 1
    for boundary in epochBoundaries where boundary > 0 && boundary < domain {
      axis[column(of: boundary, columns: slots) / scale] = unicode ? "┴" : "+"
    }
    for (mark, x) in zip(visibleMarks, markColumns(columns: columns)) { axis[x] = mark.symbol }
    return axis
  }

  private var visibleMarks: [ChartMark] {
    marks.filter { $0.index >= 0 && $0.index < max(domain, 1) }
  }

  /// The cell column of each visible mark.
  private func markColumns(columns: Int) -> [Int] {
    let slots = style == .braille ? columns * 2 : columns
    let scale = style == .braille ? 2 : 1
    return visibleMarks.map { column(of: $0.index, columns: slots) / scale }
  }
}
