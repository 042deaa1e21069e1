/// An event drawn on a chart's x axis, e.g. "lr changed" at point 120.
///
/// `index` is a point index in the chart's series (the same unit as `epochBoundaries`).
public struct ChartMark: Sendable, Equatable {
  public var index: Int
  public var symbol: Character
  public var label: String

  public init(index: Int, symbol: Character = "*", label: String = "") {
    self.index = index
    self.symbol = symbol
    self.label = label
  }
}
