import Core
import Testing
import TestSupport

@Suite struct BatchIteratorTests {
  let data = SyntheticImages.lines(count: 10)

  private func epoch(_ iterator: inout BatchIterator) -> (sizes: [Int], labels: [Int]) {
    iterator.startEpoch()
    var sizes: [Int] = []
    var labels: [Int] = []
    while iterator.next() {
      sizes.append(iterator.images.batch)
      labels += iterator.labels
    }
    return (sizes, labels)
  }

  @Test func everyImageOncePerEpochWithASmallerLastBatch() {
    var iterator = BatchIterator(data: data, batchSize: 4, seed: 1)
    #expect(iterator.stepsPerEpoch == 3)
    let first = epoch(&iterator)
    #expect(first.sizes == [4, 4, 2])
    #expect(first.labels.sorted() == data.labels.map(Int.init).sorted())
    let second = epoch(&iterator)
    #expect(second.labels.sorted() == first.labels.sorted())
  }

  @Test func sameSeedSameOrderOtherSeedOtherOrder() {
    let big = SyntheticImages.lines(count: 64)
    var a = BatchIterator(data: big, batchSize: 8, seed: 42)
    var b = BatchIterator(data: big, batchSize: 8, seed: 42)
    var c = BatchIterator(data: big, batchSize: 8, seed: 43)
    let (ea, eb, ec) = (epoch(&a), epoch(&b), epoch(&c))
    #expect(ea.labels == eb.labels)
    #expect(ea.labels != ec.labels)
    #expect(epoch(&a).labels != ea.labels)  // a new shuffle each epoch
  }

  @Test func limitUsesTheFirstImages() {
    var iterator = BatchIterator(data: data, batchSize: 3, limit: 4, seed: 1, shuffle: false)
    #expect(iterator.count == 4)
    let result = epoch(&iterator)
    #expect(result.sizes == [3, 1])
    #expect(result.labels == [0, 1, 2, 3])
    #expect(BatchIterator(data: data, batchSize: 3, limit: 99, seed: 1).count == 10)
  }

  @Test func pixelsAreNormalised() {
    var iterator = BatchIterator(
      data: data, batchSize: 1, normalization: Normalization(mean: 0.5, std: 0.5), seed: 1,
      shuffle: false)
    iterator.startEpoch()
    _ = iterator.next()
    let expected = (Float(data.pixels[0]) / 255 - 0.5) / 0.5
    #expect(abs(iterator.images.storage[0] - expected) < 1e-6)
  }
}
