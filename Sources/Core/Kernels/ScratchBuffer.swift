/// A reusable block of Float32 scratch memory owned by one layer.
///
/// Layers keep their im2col columns and GEMM products here between calls so a training step
/// allocates nothing per batch: `reserve` grows the block (never shrinks it) and `base` is
/// shared by the chunks of a parallel pass, each writing only its own region.
public final class ScratchBuffer: @unchecked Sendable {
  public private(set) var capacity = 0
  public private(set) var base: UnsafeMutablePointer<Float>

  public init() {
    base = .allocate(capacity: 1)
  }

  deinit { base.deallocate() }

  /// Makes room for at least `count` values (the old contents are dropped when it grows).
  public func reserve(_ count: Int) {
    guard count > capacity else { return }
    base.deallocate()
    base = .allocate(capacity: count)
    base.initialize(repeating: 0, count: count)
    capacity = count
  }

  /// The start of `buffer` as a mutable pointer (for read-only tensors too, never written).
  ///
  /// An empty buffer is a programmer error here: layers return early on empty batches.
  public static func address(_ buffer: UnsafeBufferPointer<Float>) -> UnsafeMutablePointer<Float> {
    guard let start = buffer.baseAddress else { preconditionFailure("empty buffer") }
    return UnsafeMutablePointer(mutating: start)
  }

  /// The start of `buffer`.
  public static func address(_ buffer: UnsafeMutableBufferPointer<Float>)
    -> UnsafeMutablePointer<Float>
  {
    guard let start = buffer.baseAddress else { preconditionFailure("empty buffer") }
    return start
  }

  /// Runs `body` with the start of each array's storage, in order, for reading.
  ///
  /// Saves one nested `withUnsafeBufferPointer` per array; the arrays must not be empty.
  public static func withAddresses<R>(
    of arrays: [[Float]], _ body: ([UnsafeMutablePointer<Float>]) -> R
  ) -> R {
    var addresses: [UnsafeMutablePointer<Float>] = []
    addresses.reserveCapacity(arrays.count)
    func next(_ index: Int) -> R {
      guard index < arrays.count else { return body(addresses) }
      return arrays[index].withUnsafeBufferPointer { buffer in
        addresses.append(address(buffer))
        return next(index + 1)
      }
    }
    return next(0)
  }
}
