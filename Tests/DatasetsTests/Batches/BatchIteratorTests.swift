import Core
import Datasets
import Testing

@Suite struct BatchIteratorTests {
  /// Ten 1x1x1 images whose pixel is 10·i and label i mod 3.
  let set = ImageSet(
    shape: Shape(height: 1, width: 1, channels: 1), pixels: (0..<10).map { UInt8($0 * 10) },
    labels: (0..<10).map { UInt8($0 % 3) }, classNames: ["a", "b", "c"])

  func epoch(_ iterator: inout BatchIterator) -> (sizes: [Int], pixels: [Int], labels: [Int]) {
    var batch = Tensor(batch: 0, shape: set.shape)
    var labels: [Int] = []
    var result: (sizes: [Int], pixels: [Int], labels: [Int]) = ([], [], [])
    while iterator.next(into: &batch, labels: &labels) {
      result.sizes.append(batch.batch)
      result.pixels += batch.storage.map { Int(($0 * 255).rounded()) }
      result.labels += labels
    }
    return result
  }

  @Test func everyImageOnceWithAShortLastBatch() {
    var iterator = BatchIterator(set: set, batchSize: 4, random: SeededRandom(seed: 1))
    #expect(iterator.batchesPerEpoch == 3)
    let first = epoch(&iterator)
    #expect(first.sizes == [4, 4, 2])
    #expect(first.pixels.sorted() == (0..<10).map { $0 * 10 })
    #expect(zip(first.pixels, first.labels).allSatisfy { ($0 / 10) % 3 == $1 })
    #expect(first.pixels != (0..<10).map { $0 * 10 }, "not shuffled")
    iterator.startEpoch()
    let second = epoch(&iterator)
    #expect(second.pixels.sorted() == first.pixels.sorted())
    #expect(second.pixels != first.pixels, "same order twice")
  }

  @Test func sameSeedSameOrderAndNoShuffleKeepsFileOrder() {
    var a = BatchIterator(set: set, batchSize: 3, random: SeededRandom(seed: 9))
    var b = BatchIterator(set: set, batchSize: 3, random: SeededRandom(seed: 9))
    #expect(epoch(&a).pixels == epoch(&b).pixels)
    var plain = BatchIterator(
      set: set, batchSize: 3, shuffles: false, random: SeededRandom(seed: 9))
    #expect(epoch(&plain).pixels == (0..<10).map { $0 * 10 })
  }

  @Test func fullBatchesReuseTheTensorStorage() {
    var iterator = BatchIterator(set: set, batchSize: 5, random: SeededRandom(seed: 2))
    var batch = Tensor(batch: 0, shape: set.shape)
    var labels: [Int] = []
    _ = iterator.next(into: &batch, labels: &labels)
    let address = batch.storage.withUnsafeBufferPointer { $0.baseAddress }
    _ = iterator.next(into: &batch, labels: &labels)
    #expect(batch.storage.withUnsafeBufferPointer { $0.baseAddress } == address)
    #expect(!iterator.next(into: &batch, labels: &labels))
  }

  @Test func shuffledImageSetsKeepPixelsWithTheirLabels() {
    var random = SeededRandom(seed: 5)
    let shuffled = set.shuffled(using: &random)
    #expect(shuffled.pixels.sorted() == set.pixels)
    #expect(zip(shuffled.pixels, shuffled.labels).allSatisfy { (Int($0) / 10) % 3 == Int($1) })
    #expect(set.subset([3, 1]).pixels == [30, 10])
  }
}
