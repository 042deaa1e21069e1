import Dispatch

/// How a batch is cut for one convolution pass, and the parallel loop over the cuts.
///
/// The batch is split into at most `context.threads` chunks (chunk `i` of `n` is
/// `batch·i/n ..< batch·(i + 1)/n`), each run on its own thread; a chunk takes its images a
/// group at a time, the group's im2col columns side by side in one `[rows, G·columns]` block so
/// one GEMM serves the whole group. With `keepsColumns` every image's columns stay in the
/// scratch from forward to backward (`rows·columns` values per image); otherwise each chunk
/// reuses one group-sized block and backward recomputes them.
///
/// The split depends only on the batch, the thread count and the layer's sizes, so per-chunk
/// partial gradients summed in chunk order are bit-identical for a given thread count.
struct ConvPlan {
  /// Images are grouped until a GEMM has about this many columns: a 64x288 kernel runs at
  /// ~90 GFLOP/s on 121 columns and ~100 from 500 on (OpenBLAS, one core), and a single image
  /// (≥ 256 columns) needs no NCHW ↔ `[C, G·HW]` copies at all. 256 rather than 512 keeps a
  /// group's column block (keras-mnist conv 2: 288 x 363) in L2 while im2col writes it and
  /// the GEMM reads it: 5% less CPU time for keras-mnist, lenet5 unchanged.
  static let targetColumns = 256
  /// A group's column (or product) block stays below this many values (8 MB).
  static let groupBudget = 1 << 21
  /// Columns are kept for backward while the whole batch's fit in this many values (4 MB):
  /// a cache-sized block is cheap to write and read back, while a larger one costs more in
  /// cold writes than recomputing (keras-mnist's 13x13x32 → 64 conv: 8.9 MB, 4% slower kept;
  /// its 5x5x64 → 128 conv: 1.3 MB, 18% faster kept).
  static let keepBudget = 1 << 20

  let batch: Int
  let chunks: [Range<Int>]
  let groupSize: Int
  let keepsColumns: Bool
  let columnsPerImage: Int

  /// `rows·columns` is one image's column matrix; `outputs·columns` its GEMM product; groups
  /// aim at `targetColumns` GEMM columns.
  init(
    batch: Int, context: ComputeContext, rows: Int, columns: Int, outputs: Int,
    keepColumns: Bool, targetColumns: Int = ConvPlan.targetColumns
  ) {
    self.batch = batch
    let n = max(1, min(context.threads, batch))
    chunks = (0..<n).map { (batch * $0 / n)..<(batch * ($0 + 1) / n) }
    let perImage = max(1, max(rows, outputs) * columns)
    let largest = max(1, chunks.map(\.count).max() ?? 1)
    let wanted = (targetColumns + columns - 1) / max(1, columns)
    let maxGroup = max(1, min(largest, ConvPlan.groupBudget / perImage, wanted))
    let groupsPerChunk = (largest + maxGroup - 1) / maxGroup
    groupSize = (largest + groupsPerChunk - 1) / groupsPerChunk
    columnsPerImage = rows * columns
    keepsColumns = keepColumns && columnsPerImage * batch <= ConvPlan.keepBudget
  }

  /// Groups of at most `groupSize` images covering `range`, as even as possible.
  func groups(of range: Range<Int>) -> [Range<Int>] {
    let count = (range.count + groupSize - 1) / groupSize
    let low = range.lowerBound
    return (0..<count).map {
      (low + range.count * $0 / count)..<(low + range.count * ($0 + 1) / count)
    }
  }

  /// Where a group's column block starts in the column scratch.
  func columnOffset(group: Range<Int>, chunk: Int) -> Int {
    keepsColumns ? group.lowerBound * columnsPerImage : chunk * groupSize * columnsPerImage
  }

  /// Values the column scratch must hold.
  var columnCapacity: Int {
    keepsColumns ? batch * columnsPerImage : chunks.count * groupSize * columnsPerImage
  }

  /// Runs `body(chunk, images)` for every chunk, in parallel when there are several.
  ///
  /// Returns when all have run. Each chunk must write only memory no other chunk touches.
  func forEachChunk(_ body: (Int, Range<Int>) -> Void) {
    runChunks(chunks, body)
  }

  /// Sums per-chunk partial gradients (`stride` values apart, chunk 0 first) in chunk order and
  /// writes them to `weight` (the first `weight.count` values) and `bias` (the next ones).
  func writeGradients(
    from partials: UnsafeMutablePointer<Float>, stride: Int, weight: Parameter, bias: Parameter?
  ) {
    for chunk in 1..<chunks.count {
      let source = partials + chunk * stride
      for j in 0..<stride { partials[j] += source[j] }
    }
    weight.gradient.withUnsafeMutableBufferPointer { g in
      g.baseAddress?.update(from: partials, count: g.count)
    }
    bias?.gradient.withUnsafeMutableBufferPointer { g in
      g.baseAddress?.update(from: partials + weight.count, count: g.count)
    }
  }
}
