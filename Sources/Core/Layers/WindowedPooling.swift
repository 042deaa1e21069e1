/// A pooling layer with a `K×K` window moved by `S` over `P` padded cells on every side
/// (`maxpool`, `avgpool`): they share their shape rules, receptive field and window geometry.
///
///     out = ⌊(in + 2P − K)/S⌋ + 1      per axis, with P ≤ K/2 (PyTorch's rule)
public protocol WindowedPooling: Layer {
  var kernel: Int { get }
  var stride: Int { get }
  var padding: Int { get }
}

extension WindowedPooling {
  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    try Pooling.outputShape(
      layer: spec.description, input: input, kernel: kernel, stride: stride, padding: padding)
  }

  /// A `K` window moved by `S`: `size + (K − 1)·jump`, `jump·S`.
  public func receptiveField(after previous: ReceptiveField) -> ReceptiveField {
    previous.through(kernel: kernel, stride: stride)
  }

  /// The window geometry on one plane of `input`.
  func poolingWindow(on input: Shape) -> Pooling {
    Pooling(input: input, kernel: kernel, stride: stride, padding: padding)
  }
}
