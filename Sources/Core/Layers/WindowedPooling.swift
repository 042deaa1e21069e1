/// A pooling layer with a `K×K` window moved by `S` over `P` padded cells on every side
/// (`maxpool`, `avgpool`): they share their shape rules, receptive field and window geometry.
///
///     out = ⌊(in + 2P − K)/S⌋ + 1      per axis, with P ≤ K/2 (PyTorch's rule)
public protocol WindowedPooling: WeightlessLayer {
  var kernel: Int { get }
  var stride: Int { get }
  var padding: Int { get }
}

extension WindowedPooling {
  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    try Pooling.outputShape(
      layer: spec.description, input: input, kernel: kernel, stride: stride, padding: padding)
  }

  /// A `K` window moved by `S` over `P` cells of padding: `size + (K − 1)·jump`, `jump·S`.
  public var window: SpatialWindow { .sliding(kernel: kernel, stride: stride, padding: .explicit(padding)) }

  public var drawnKernel: DrawnKernel? { nil }

  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic { .none }

  public var isRandomWhenTraining: Bool { false }

  /// The window geometry on one plane of `input`.
  func poolingWindow(on input: Shape) -> Pooling {
    Pooling(input: input, kernel: kernel, stride: stride, padding: padding)
  }
}
