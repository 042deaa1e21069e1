import Core
import Datasets
import Testing

@Suite struct ImageSetPaddedTests {
  /// Two 2x3 images with 2 channels, every byte different, framed by 1: each plane is the
  /// original surrounded by one ring of zeros, written out by hand.
  @Test func everyPlaneIsFramedByZeros() {
    let shape = Shape(height: 2, width: 3, channels: 2)
    let pixels = (1...24).map { UInt8($0) }
    let set = ImageSet(shape: shape, pixels: pixels, labels: [3, 1], classNames: ["a", "b", "c", "d"])
    let framed = set.padded(by: 1)
    #expect(framed.shape == Shape(height: 4, width: 5, channels: 2))
    #expect(framed.labels == [3, 1] && framed.classNames == set.classNames)
    func plane(_ a: [UInt8]) -> [UInt8] {
      [0, 0, 0, 0, 0] + [0] + Array(a[0..<3]) + [0] + [0] + Array(a[3..<6]) + [0] + [0, 0, 0, 0, 0]
    }
    let expected = (0..<4).flatMap { k in plane(Array(pixels[(k * 6)..<(k * 6 + 6)])) }
    #expect(framed.pixels == expected)
    #expect(set.padded(by: 0).pixels == pixels)
  }

  /// The MNIST sample with pad=2 is 32x32x1: the inner 28x28 of every image is the original,
  /// the 2-pixel frame is 0, the labels are the same, and `padding` says 2.
  @Test func mnistBecomes32x32() throws {
    let data = try DataCatalog.load(.mnist)
    let padded = data.padded(by: 2)
    #expect(padded.train.shape == Shape(height: 32, width: 32, channels: 1))
    #expect(padded.test.shape == padded.train.shape)
    #expect(padded.padding == 2 && data.padding == 0)
    #expect(padded.train.labels == data.train.labels && padded.test.labels == data.test.labels)
    #expect(padded.train.count == data.train.count)
    for (set, original) in [(padded.train, data.train), (padded.test, data.test)] {
      for image in [0, 1, original.count - 1] {
        for y in 0..<32 {
          for x in 0..<32 {
            let value = set.pixels[image * 1024 + y * 32 + x]
            if (2..<30).contains(y), (2..<30).contains(x) {
              #expect(value == original.pixels[image * 784 + (y - 2) * 28 + (x - 2)])
            } else {
              #expect(value == 0, "image \(image) (\(y), \(x))")
            }
          }
        }
      }
    }
    // Padding twice adds up.
    #expect(data.padded(by: 1).padded(by: 1).train.pixels == padded.train.pixels)
    #expect(data.padded(by: 1).padded(by: 1).padding == 2)
    #expect(data.paddedBytes(by: 2) == (data.train.count + data.test.count) * 1024)
  }

  @Test func dataInfoStatesThePadding() throws {
    let data = try DataCatalog.load(.mnist).padded(by: 2)
    let lines = DatasetInfo(data).lines
    #expect(lines[0].hasPrefix("mnist pad=2: 32x32x1, 10 classes, "))
    #expect(lines[1] == "padding: each 28x28 image framed by 2 zero (black) pixels per side -> 32x32")
    #expect(lines.allSatisfy { $0.count <= 80 })
  }
}
