import Dispatch

extension ComputeContext {
  /// Runs `body` over `0..<count` split into at most `threads` contiguous chunks, in parallel
  /// with `DispatchQueue.concurrentPerform` when there is more than one chunk.
  ///
  /// Chunk `i` of `k` is `count·i/k ..< count·(i + 1)/k`: the split depends only on `count`,
  /// `threads` and `minimumChunk`, so work done per chunk (and any reduction inside one) is the
  /// same for the same thread count. Chunks smaller than `minimumChunk` items are merged so tiny
  /// jobs stay on the calling thread. Chunks must write disjoint memory.
  func forEachChunk(of count: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let chunks = min(threads, max(1, count / max(1, minimumChunk)))
    guard chunks > 1 else {
      body(0..<count)
      return
    }
    let ranges = (0..<chunks).map { (count * $0 / chunks)..<(count * ($0 + 1) / chunks) }
    runChunks(ranges) { body($1) }
  }
}

/// Runs `body(i, ranges[i])` for every range: on the calling thread for one range, else in
/// parallel with `DispatchQueue.concurrentPerform`. The ranges must write disjoint memory.
func runChunks(_ ranges: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
  guard ranges.count > 1 else {
    if let only = ranges.first { body(0, only) }
    return
  }
  // concurrentPerform returns only after every chunk ran and chunks write disjoint memory, so
  // handing the non-Sendable body to its worker threads is safe.
  nonisolated(unsafe) let body = body
  DispatchQueue.concurrentPerform(iterations: ranges.count) { body($0, ranges[$0]) }
}

extension ComputeContext {
  /// A new tensor of `batch` samples of `shape`, written plane by plane from `source` by
  /// `kernel(source, destination, planes)` over chunks of the `batch · C` planes
  /// (see `forEachChunk`); `planeSize` values per plane keep tiny jobs on one thread.
  func planewise(
    _ source: [Float], into shape: Shape, batch: Int, planeSize: Int,
    _ kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Range<Int>) -> Void
  ) -> Tensor {
    Tensor(batch: batch, shape: shape) { out in
      source.withUnsafeBufferPointer { src in
        guard let src = src.baseAddress, let dst = out.baseAddress else { return }
        forEachChunk(of: batch * shape.channels, minimumChunk: 4096 / max(1, planeSize)) {
          kernel(src, dst, $0)
        }
      }
    }
  }
}
