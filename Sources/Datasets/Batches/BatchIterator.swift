import Core

/// Mini-batches of an ``ImageSet`` in a seeded random order, written into caller-owned buffers.
///
/// Each epoch visits every image once: `⌈count / batchSize⌉` batches, the last one smaller
/// when `batchSize` does not divide `count` (as Keras and PyTorch do by default). The batch is
/// `[B, C, H, W]` Float32 `(x/255 − mean)/std` and its labels; `ImageSet.gather` reuses the
/// tensor's storage whenever the batch size repeats, so a training loop allocates nothing per
/// step except at the short last batch.
public struct BatchIterator: Sendable {
  public let set: ImageSet
  public let batchSize: Int
  public var normalization: Normalization
  public let shuffles: Bool
  private var random: SeededRandom
  private var order: [Int]
  private var position = 0

  /// `batchSize` is clamped to `1…count`; with `shuffles == false` the order is the file order.
  public init(
    set: ImageSet, batchSize: Int, normalization: Normalization = .unit, shuffles: Bool = true,
    random: SeededRandom
  ) {
    self.set = set
    self.batchSize = max(1, min(batchSize, max(set.count, 1)))
    self.normalization = normalization
    self.shuffles = shuffles
    self.random = random
    self.order = Array(0..<set.count)
    if shuffles { order.shuffle(using: &self.random) }
  }

  /// Batches in one epoch: `⌈count / batchSize⌉`.
  public var batchesPerEpoch: Int { (set.count + batchSize - 1) / batchSize }

  /// Fills `batch` and `labels` with the next batch; false (buffers untouched) at epoch end.
  public mutating func next(into batch: inout Tensor, labels: inout [Int]) -> Bool {
    guard position < order.count else { return false }
    let end = min(position + batchSize, order.count)
    set.gather(order[position..<end], normalization: normalization, into: &batch, labels: &labels)
    position = end
    return true
  }

  /// Starts the next epoch, in a fresh order when shuffling.
  public mutating func startEpoch() {
    position = 0
    if shuffles { order.shuffle(using: &random) }
  }
}
