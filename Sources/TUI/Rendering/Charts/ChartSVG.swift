import Foundation

/// A ``ChartFigure`` as SVG for a page: the values as one polyline in a `width x height` box,
/// epoch starts as dashed verticals, the y range's ends labelled.
///
/// Value `v` at index `i` of `n` is drawn at `x = left + i·plotWidth/(n-1)`,
/// `y = top + (hi - v)/(hi - lo)·plotHeight`, with `lo…hi` the figure's `yRange` or the finite
/// values' range (±0.5 around a constant). Non-finite values break the line. Text is escaped by
/// the caller's `escape`.
public enum ChartSVG {
  public static let width = 640
  public static let height = 200
  static let (left, right, top, bottom) = (64, 8, 10, 22)
  static var plotWidth: Int { width - left - right }
  static var plotHeight: Int { height - top - bottom }

  /// The y range drawn for `figure`.
  public static func range(of figure: ChartFigure) -> ClosedRange<Double> {
    if let fixed = figure.yRange { return fixed }
    let finite = figure.values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
    return lo < hi ? lo...hi : (lo - 0.5)...(hi + 0.5)
  }

  /// Where value `index` (of `count`) at `value` is drawn, in the box's coordinates.
  public static func point(index: Int, count: Int, value: Double, range: ClosedRange<Double>)
    -> (x: Double, y: Double)
  {
    let x = Double(left) + Double(index) * Double(plotWidth) / Double(max(1, count - 1))
    let span = range.upperBound - range.lowerBound
    let clamped = min(range.upperBound, max(range.lowerBound, value))
    let y = Double(top) + (range.upperBound - clamped) / (span > 0 ? span : 1) * Double(plotHeight)
    return (x, y)
  }

  public static func render(_ figure: ChartFigure, escape: (String) -> String) -> String {
    let range = range(of: figure)
    let count = figure.values.count
    func number(_ v: Double) -> String { String(format: "%.1f", v) }
    var runs: [[String]] = [[]]
    for (index, value) in figure.values.enumerated() {
      guard value.isFinite else {
        if !(runs.last?.isEmpty ?? true) { runs.append([]) }
        continue
      }
      let p = point(index: index, count: count, value: value, range: range)
      runs[runs.count - 1].append("\(number(p.x)),\(number(p.y))")
    }
    let bottomY = top + plotHeight
    var parts = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" "
        + "width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(escape(figure.title))\">",
      "<path class=\"axis\" d=\"M\(left) \(top)V\(bottomY)H\(width - right)\"/>",
    ]
    for boundary in figure.epochBoundaries where boundary > 0 && boundary < count {
      let x = point(index: boundary, count: count, value: range.lowerBound, range: range).x
      parts.append(
        "<line class=\"epoch\" x1=\"\(number(x))\" y1=\"\(top)\" x2=\"\(number(x))\" y2=\"\(bottomY)\"/>")
    }
    func label(_ v: Double) -> String { escape(String(format: "%.4g", v)) }
    parts.append("<text x=\"\(left - 4)\" y=\"\(top + 8)\" text-anchor=\"end\">\(label(range.upperBound))</text>")
    parts.append("<text x=\"\(left - 4)\" y=\"\(bottomY)\" text-anchor=\"end\">\(label(range.lowerBound))</text>")
    parts.append(
      "<text x=\"\(width - right)\" y=\"\(height - 4)\" text-anchor=\"end\">step \(count)</text>")
    for run in runs where !run.isEmpty {
      parts.append("<polyline class=\"series\" points=\"\(run.joined(separator: " "))\"/>")
    }
    parts.append("</svg>")
    return parts.joined()
  }
}
