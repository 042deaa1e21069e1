/// An upper estimate of the memory a computation over `images` images of a model needs beyond
/// what the session already holds (weights and data), from the summary alone (nothing is
/// allocated to find out).
///
/// Per image, with `A` the Float32 bytes of every row's output (``ModelSummary/activationBytes``)
/// and `W` the largest im2col workspace of a row (`4 · MACs / output channels`: one column of
/// `k·k·Cin` values per output position):
/// - inference: `2·A + W` (each row's output and what layers keep for backward);
/// - training: `3·A + W` (outputs, pre-activations kept for backward, gradients).
///
/// Fixed part: training adds a gradient and two optimizer moments per parameter (`3 · 4` bytes
/// each); inference adds nothing. Sums saturate at `Int.max` instead of overflowing.
public struct MemoryNeed: Sendable, Hashable {
  public var pass: MemoryPass
  public var images: Int
  /// Bytes each image adds.
  public var bytesPerImage: Int
  /// Bytes the computation needs whatever the batch.
  public var fixedBytes: Int

  public init(pass: MemoryPass, images: Int, bytesPerImage: Int, fixedBytes: Int) {
    self.pass = pass
    self.images = max(0, images)
    self.bytesPerImage = max(0, bytesPerImage)
    self.fixedBytes = max(0, fixedBytes)
  }

  /// The estimate for `images` images of the model `summary` describes.
  public init(summary: ModelSummary, images: Int, pass: MemoryPass) {
    let activations = summary.activationBytes
    let workspace =
      summary.rows.map { Self.multiplying(4, $0.macs / max(1, $0.outputShape.channels)) }.max() ?? 0
    let copies = pass == .training ? 3 : 2
    let perImage = Self.adding(Self.multiplying(copies, activations), workspace)
    let fixed = pass == .training ? Self.multiplying(12, summary.totalParameters) : 0
    self.init(pass: pass, images: images, bytesPerImage: perImage, fixedBytes: fixed)
  }

  /// The whole estimate in bytes (at most `Int.max`).
  public var totalBytes: Int { Self.adding(fixedBytes, Self.multiplying(images, bytesPerImage)) }

  /// Most images at once that fit in `budget` (0 when not even one does).
  public func largestBatch(within budget: MemoryBudget) -> Int {
    guard budget.bytes > fixedBytes else { return 0 }
    guard bytesPerImage > 0 else { return Int.max }
    return (budget.bytes - fixedBytes) / bytesPerImage
  }

  /// The same estimate for `images` images.
  public func with(images: Int) -> MemoryNeed {
    MemoryNeed(pass: pass, images: images, bytesPerImage: bytesPerImage, fixedBytes: fixedBytes)
  }

  static func multiplying(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : product
  }

  static func adding(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
  }
}
