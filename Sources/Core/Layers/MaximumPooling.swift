/// A pooling that keeps each window's largest value, so backward sends each window's gradient
/// to that one cell only (`show grad` checks the routing). ``MaxPool2D`` is one.
///
///     y = max(x_1 … x_n)      ∂y/∂x_i = 1 for the maximum, 0 for every other cell
public protocol MaximumPooling: WindowedPooling {}

extension MaxPool2D: MaximumPooling {}
