/// A chart as both numbers and its text drawing: a terminal prints ``lines``; a page draws
/// ``values`` as a vector graphic (``ChartSVG``).
public struct ChartFigure: Sendable, Equatable {
  /// What the chart shows (`loss per step (412 steps)`), its first text line too.
  public var title: String
  /// One value per step (x = index).
  public var values: [Double]
  /// Indices where a new epoch starts.
  public var epochBoundaries: [Int]
  /// A fixed y scale (accuracy's 0…1), or nil for the values' own range.
  public var yRange: ClosedRange<Double>?
  /// Lines printed under the chart (the `^` marks of `set` changes).
  public var notes: [String]
  /// The whole text drawing: title, chart rows, notes.
  public var lines: [String]

  public init(
    title: String, values: [Double], epochBoundaries: [Int] = [],
    yRange: ClosedRange<Double>? = nil, notes: [String] = [], lines: [String]
  ) {
    self.title = title
    self.values = values
    self.epochBoundaries = epochBoundaries
    self.yRange = yRange
    self.notes = notes
    self.lines = lines
  }
}
