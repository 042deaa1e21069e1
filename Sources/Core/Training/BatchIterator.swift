/// Deals a training split out in shuffled mini-batches, epoch after epoch, from a seed.
///
/// Each epoch shuffles the images in use (the first `limit`, or all) with a Fisher–Yates pass
/// driven by a ``SeededRandom``, so the same seed gives the same batches on every run. The last
/// batch of an epoch may be smaller (`⌈count/batchSize⌉` steps, as Keras and PyTorch do by
/// default). Pixels are normalised by ``ImageSet/gather(_:normalization:into:labels:)`` into
/// one of two reused tensors, alternating, so the batch a layer still holds from the previous
/// step is never the one being overwritten (no copy-on-write allocation per step).
public struct BatchIterator {
  public let data: ImageSet
  /// Images per batch; ``setBatchSize(_:)`` changes it between epochs.
  public private(set) var batchSize: Int
  /// Images used per epoch: `min(limit, data.count)`.
  public let count: Int
  public let normalization: Normalization
  private let shuffles: Bool
  private var random: SeededRandom
  private var order: [Int]
  private var position = 0
  private var buffers: [Tensor]
  private var current = 0
  /// Labels of the current batch.
  public private(set) var labels: [Int] = []

  public init(
    data: ImageSet, batchSize: Int, limit: Int? = nil, normalization: Normalization = .unit,
    seed: UInt64, shuffle: Bool = true
  ) {
    self.data = data
    self.batchSize = max(1, batchSize)
    self.count = min(limit ?? data.count, data.count)
    self.normalization = normalization
    self.shuffles = shuffle
    self.random = SeededRandom(seed: seed)
    self.order = Array(0..<count)
    self.position = count
    let empty = Tensor(batch: 0, shape: data.shape)
    self.buffers = [empty, empty]
  }

  /// Mini-batches per epoch: `⌈count/batchSize⌉`.
  public var stepsPerEpoch: Int { (count + batchSize - 1) / batchSize }

  /// The images of the current batch (NCHW, normalised).
  public var images: Tensor { buffers[current] }

  /// Starts a new epoch: reshuffles the order (unless shuffling is off) and rewinds.
  public mutating func startEpoch() {
    position = 0
    guard shuffles, count > 1 else { return }
    for i in stride(from: count - 1, to: 0, by: -1) {
      let j = Int(random.next() % UInt64(i + 1))
      order.swapAt(i, j)
    }
  }

  /// Changes the batch size (at least 1) from the next ``startEpoch()`` on (`set batch=`).
  public mutating func setBatchSize(_ size: Int) { batchSize = max(1, size) }

  /// Loads the next batch into ``images`` and ``labels``; false at the end of the epoch.
  public mutating func next() -> Bool {
    guard position < count else { return false }
    let end = min(position + batchSize, count)
    current = 1 - current
    data.gather(
      order[position..<end], normalization: normalization, into: &buffers[current],
      labels: &labels)
    position = end
    return true
  }
}
