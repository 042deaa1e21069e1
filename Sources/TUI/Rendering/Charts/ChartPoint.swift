/// One point of a sparse series on a ``LossChart``: `value` at point `index` of the chart's
/// domain (e.g. the test loss at the end of an epoch).
public struct ChartPoint: Sendable, Equatable {
  public var index: Int
  public var value: Double

  public init(index: Int, value: Double) {
    self.index = index
    self.value = value
  }
}
