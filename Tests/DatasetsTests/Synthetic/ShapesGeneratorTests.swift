import Core
import Datasets
import Testing

@Suite struct ShapesGeneratorTests {
  let small = SyntheticOptions(trainCount: 200, testCount: 40, noise: 0, seed: 3)

  @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
    let a = try ShapesGenerator.generate(small)
    #expect(try ShapesGenerator.generate(small).train.pixels == a.train.pixels)
    var other = small
    other.seed = 4
    #expect(try ShapesGenerator.generate(other).train.pixels != a.train.pixels)
  }

  @Test func fourBalancedClassesThatFitInTheImage() throws {
    let data = try ShapesGenerator.generate(small)
    #expect(data.train.classNames == ["circle", "square", "triangle", "cross"])
    #expect(data.train.classCounts == [50, 50, 50, 50])
    #expect(data.test.classCounts == [10, 10, 10, 10])
    let n = 28
    for i in 0..<data.train.count {
      let image = Array(data.train.pixels[(i * n * n)..<((i + 1) * n * n)])
      #expect(image.contains { $0 > 100 }, "image \(i) is blank")
      // Without noise the one-pixel border stays dark: the shape fits.
      var border: [UInt8] = []
      for k in 0..<n {
        border += [image[k], image[(n - 1) * n + k], image[k * n], image[k * n + n - 1]]
      }
      #expect(border.allSatisfy { $0 < 64 }, "image \(i) touches the edge")
    }
  }

  /// Triangles carry the least ink, as the geometry of the four shapes says.
  ///
  /// Per unit R², a filled circle covers π ≈ 3.14, a square (half side 0.85) 2.89, a triangle
  /// (half side 0.95) 1.56, a cross (arms 2 x 0.6, overlap 0.36) 2.04.
  @Test func trianglesCarryTheLeastInk() throws {
    let data = try ShapesGenerator.generate(
      SyntheticOptions(trainCount: 800, testCount: 4, noise: 0))
    var ink = [Double](repeating: 0, count: 4)
    for i in 0..<data.train.count {
      ink[Int(data.train.labels[i])] += data.train.pixels[(i * 784)..<((i + 1) * 784)]
        .reduce(0.0) { $0 + Double($1) }
    }
    #expect(ink[2] < ink[0] && ink[2] < ink[1] && ink[2] < ink[3], "ink per class \(ink)")
  }
}
