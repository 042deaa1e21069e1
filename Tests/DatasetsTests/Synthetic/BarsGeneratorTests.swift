import Core
import Datasets
import Foundation
import Testing

@Suite struct BarsGeneratorTests {
  let small = SyntheticOptions(trainCount: 400, testCount: 80, seed: 7)

  @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
    let a = try BarsGenerator.generate(small)
    let b = try BarsGenerator.generate(small)
    var other = small
    other.seed = 8
    let c = try BarsGenerator.generate(other)
    #expect(a.train.pixels == b.train.pixels && a.train.labels == b.train.labels)
    #expect(a.test.pixels == b.test.pixels)
    #expect(a.train.pixels != c.train.pixels)
    #expect(a.train.pixels != a.test.pixels.prefix(a.train.pixels.count).map { $0 })
  }

  @Test func balancedClassesAndTheRequestedShape() throws {
    let data = try BarsGenerator.generate(small)
    #expect(data.name == "bars")
    #expect(data.train.shape == Shape(height: 28, width: 28, channels: 1))
    #expect(data.train.classCounts == [100, 100, 100, 100])
    #expect(data.test.classCounts == [20, 20, 20, 20])
    #expect(data.train.classNames == ["0°", "45°", "90°", "135°"])
    var big = small
    big.size = 40
    #expect(
      try BarsGenerator.generate(big).train.shape == Shape(height: 40, width: 40, channels: 1))
  }

  /// The orientation of the image's second central moments, `½·atan2(2μ11, μ20 − μ02)`, names
  /// the class of almost every bar: the class is in the picture, not in noise.
  @Test func orientationFromMomentsRecoversTheClass() throws {
    let data = try BarsGenerator.generate(small)
    let n = data.train.shape.width
    var correct = 0
    for i in 0..<data.train.count {
      var (m, mx, my) = (0.0, 0.0, 0.0)
      var (sxx, syy, sxy) = (0.0, 0.0, 0.0)
      for y in 0..<n {
        for x in 0..<n {
          let v = max(0, Double(data.train.pixels[i * n * n + y * n + x]) - 60)
          m += v
          mx += v * Double(x)
          my += v * Double(y)
          sxx += v * Double(x * x)
          syy += v * Double(y * y)
          sxy += v * Double(x * y)
        }
      }
      let (cx, cy) = (mx / m, my / m)
      let mu20 = sxx / m - cx * cx
      let mu02 = syy / m - cy * cy
      let mu11 = sxy / m - cx * cy
      // y grows downwards, so the angle counter-clockwise is the negative one.
      var degrees = -0.5 * atan2(2 * mu11, mu20 - mu02) * 180 / .pi
      if degrees < -22.5 { degrees += 180 }
      let predicted = Int((degrees / 45).rounded()) % 4
      if predicted == Int(data.train.labels[i]) { correct += 1 }
    }
    #expect(correct * 100 >= 95 * data.train.count, "moments recovered \(correct) of 400")
  }

  @Test func refusesImpossibleOptions() {
    #expect(throws: DatasetOptionError.outOfRange(option: "size", value: "4", allowed: "8…256")) {
      try BarsGenerator.generate(SyntheticOptions(size: 4))
    }
    #expect(throws: DatasetOptionError.self) {
      try BarsGenerator.generate(SyntheticOptions(trainCount: 0))
    }
  }
}
