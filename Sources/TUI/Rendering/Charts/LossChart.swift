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
/// With `title` a first line names the y axis (`loss (linear; running mean of 45 steps) ● test`),
/// with `xLabels` a last line reads `0   ep2   ep3 …   2256 steps` under the axis, and `points`
/// (e.g. the test loss at each epoch's end) are drawn as `●` over the curve.
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
  /// A second series of single points (e.g. the test loss at each epoch's end), drawn as
  /// `●` (`o` in ASCII) over the curve and included in the y range.
  public var points: [ChartPoint]
  /// A first line naming the y axis and its scale (nil: none).
  public var title: String?
  /// A last line of x labels: `0` under the first column, the epoch numbers under their
  /// boundaries where they fit, the domain's size at the right.
  public var xLabels: Bool
  /// Axis labels show `value · labelScale` followed by `labelSuffix` (accuracy: 100 and `%`).
  public var labelScale: Double
  public var labelSuffix: String

  public init(
    values: [Double], expectedCount: Int? = nil, epochBoundaries: [Int] = [],
    marks: [ChartMark] = [], style: ChartStyle = .braille, yRange: ClosedRange<Double>? = nil,
    points: [ChartPoint] = [], title: String? = nil, xLabels: Bool = false,
    labelScale: Double = 1, labelSuffix: String = ""
  ) {
    self.values = values
    self.expectedCount = expectedCount
    self.epochBoundaries = epochBoundaries
    self.marks = marks
    self.style = style
    self.yRange = yRange
    self.points = points
    self.title = title
    self.xLabels = xLabels
    self.labelScale = labelScale
    self.labelSuffix = labelSuffix
  }

  /// Formats an axis label with three significant digits (`2.31`, `0.0012`, `98.5`).
  public static func axisLabel(_ value: Double) -> String {
    String(format: "%.3g", value)
  }

  /// Renders `height` lines of exactly `width` columns (the title and x labels when asked for
  /// and there are at least 4 lines); blank lines if the area is too small.
  public func render(width: Int, height: Int) -> [String] {
    guard width > 0, height > 0 else { return [] }
    let withTitle = title != nil && height >= 4
    let withLabels = xLabels && height - (withTitle ? 1 : 0) >= 4
    let plotHeight = height - (withTitle ? 1 : 0) - (withLabels ? 1 : 0)
    var lines = plotLines(width: width, height: plotHeight)
    func fit(_ text: String) -> String {
      let cut = TextWidth.prefix(text, columns: width)
      return cut + String(repeating: " ", count: max(0, width - TextWidth.columns(of: cut)))
    }
    if withTitle, let title { lines.insert(fit(title), at: 0) }
    if withLabels { lines.append(fit(xLabelLine(width: width))) }
    return lines
  }

  /// The x labels under the axis (see ``xLabels``).
  private func xLabelLine(width: Int) -> String {
    let finite = values.filter(\.isFinite) + points.map(\.value).filter(\.isFinite)
    let labelWidth = finite.isEmpty ? 0 : labelColumns(bounds(finite))
    let plotWidth = width - labelWidth - 1
    guard plotWidth >= 2 else { return "" }
    var line = Array(repeating: Character(" "), count: width)
    func place(_ text: String, at column: Int) {
      let chars = Array(text)
      let start = min(max(0, column), width - chars.count)
      guard start >= 0, (start..<(start + chars.count)).allSatisfy({ line[$0] == " " }),
        start == 0 || line[start - 1] == " ", start + chars.count >= width || line[start + chars.count] == " "
      else { return }
      for (i, ch) in chars.enumerated() { line[start + i] = ch }
    }
    let slots = style == .braille ? plotWidth * 2 : plotWidth
    let scale = style == .braille ? 2 : 1
    let origin = labelWidth + 1
    let steps = "\(domain) steps"
    place(steps, at: width - steps.count)
    place("0", at: origin)
    for (number, boundary) in epochBoundaries.enumerated() where boundary > 0 && boundary < domain {
      place("ep\(number + 2)", at: origin + column(of: boundary, columns: slots) / scale)
    }
    return String(line)
  }

  private func labelColumns(_ range: (Double, Double)) -> Int {
    max(label(range.0).count, label(range.1).count)
  }

  private func label(_ value: Double) -> String {
    Self.axisLabel(value * labelScale) + labelSuffix
  }

  private func plotLines(width: Int, height: Int) -> [String] {
    guard height > 0 else { return [] }
    let finite = values.filter { $0.isFinite } + points.map(\.value).filter(\.isFinite)
    let (lo, hi) = bounds(finite)
    let top = finite.isEmpty ? "" : label(hi)
    let bottom = finite.isEmpty ? "" : label(lo)
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
    let slots = style == .braille ? plotWidth * 2 : plotWidth
    let scale = style == .braille ? 2 : 1
    for point in points where point.value.isFinite {
      let x = column(of: point.index, columns: slots) / scale
      let y = plotRows - 1 - level(point.value, lo: lo, hi: hi, levels: plotRows)
      grid[y][min(plotWidth - 1, max(0, x))] = unicode ? "●" : "o"
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
