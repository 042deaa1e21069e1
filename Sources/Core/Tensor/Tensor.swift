/// A batch of samples in Float32, stored contiguously in NCHW order.
///
/// Element `(n, c, y, x)` lives at `((n·C + c)·H + y)·W + x`; a flat sample of `N` features is
/// `1x1xN`, so element `(n, i)` lives at `n·N + i`. Users see shapes as `HxWxC` (``Shape``).
/// Hot loops reach the storage through `withUnsafe(Mutable)BufferPointer`, never per element.
public struct Tensor: Sendable {
  /// Number of samples (N).
  public var batch: Int
  /// The shape of one sample.
  public var shape: Shape
  /// `batch · shape.count` values, NCHW.
  public var storage: [Float]

  public init(batch: Int, shape: Shape, repeating value: Float = 0) {
    self.batch = batch
    self.shape = shape
    self.storage = [Float](repeating: value, count: batch * shape.count)
  }

  public init(batch: Int, shape: Shape, storage: [Float]) {
    precondition(storage.count == batch * shape.count, "storage does not match \(batch)x\(shape)")
    self.batch = batch
    self.shape = shape
    self.storage = storage
  }

  /// A tensor whose storage is written by `initializer` before use (no zero-fill).
  public init(
    batch: Int, shape: Shape,
    uninitialized initializer: (inout UnsafeMutableBufferPointer<Float>) throws -> Void
  ) rethrows {
    self.batch = batch
    self.shape = shape
    let n = batch * shape.count
    self.storage = try [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
      try initializer(&buffer)
      initialized = n
    }
  }

  /// Total number of values: `batch · H · W · C`.
  public var count: Int { storage.count }

  /// Values of one sample (`H·W·C` of them, CHW order).
  public var sampleCount: Int { shape.count }

  /// One element; for tests and small tools, not for hot loops.
  public subscript(n: Int, c: Int, y: Int, x: Int) -> Float {
    get { storage[((n * shape.channels + c) * shape.height + y) * shape.width + x] }
    set { storage[((n * shape.channels + c) * shape.height + y) * shape.width + x] = newValue }
  }

  /// Sample `n` as a batch of one.
  public func sample(_ n: Int) -> Tensor {
    let k = shape.count
    return Tensor(batch: 1, shape: shape, storage: Array(storage[(n * k)..<((n + 1) * k)]))
  }

  /// The same values seen with another per-sample shape of equal size (flatten, reshape).
  public func reshaped(to newShape: Shape) -> Tensor {
    precondition(newShape.count == shape.count, "cannot reshape \(shape) to \(newShape)")
    return Tensor(batch: batch, shape: newShape, storage: storage)
  }
}
