import Core
import Testing

@Suite struct ClassicKernelTests {
  /// 6x6: columns 0–2 dark (0), columns 3–5 bright (1): one vertical edge.
  let edge = Grid(height: 6, width: 6, values: (0..<36).map { $0 % 6 >= 3 ? 1 : 0 })

  @Test func sobelXIsPositiveOnARisingVerticalEdgeAndZeroOnFlatAreas() {
    let out = ClassicKernel.sobelX.apply(to: edge).output
    for y in 1..<5 {
      #expect(out[y, 2] == 4)  // dark pixel left of the edge: 1+2+1 to its right
      #expect(out[y, 3] == 4)
      #expect(out[y, 1] == 0)
      #expect(out[y, 4] == 0)
    }
    // Zero padding: the right border sees a drop to black.
    #expect(out[2, 5] < 0)
  }

  @Test func sobelYSeesNoHorizontalEdgeInside() {
    let out = ClassicKernel.sobelY.apply(to: edge).output
    for y in 1..<5 { for x in 0..<6 { #expect(out[y, x] == 0) } }
  }

  @Test(arguments: ClassicKernel.allCases)
  func applyMatchesADirectCrossCorrelation(_ kind: ClassicKernel) {
    var random = SeededRandom(seed: 3)
    let image = Grid(height: 7, width: 5, values: (0..<35).map { _ in random.uniform(0, 1) })
    let result = kind.apply(to: image)
    let k = kind.kernel
    for y in 0..<7 {
      for x in 0..<5 {
        var sum: Float = 0
        for ky in 0..<3 {
          for kx in 0..<3 {
            let (iy, ix) = (y + ky - 1, x + kx - 1)
            if (0..<7).contains(iy), (0..<5).contains(ix) { sum += k[ky, kx] * image[iy, ix] }
          }
        }
        #expect(abs(result.output[y, x] - sum) < 1e-5)
      }
    }
    #expect(result.input == image)
  }

  @Test func blurWeightsSumToOneAndEdgeToZero() {
    #expect(abs(ClassicKernel.blur.kernel.values.reduce(0, +) - 1) < 1e-6)
    #expect(ClassicKernel.edge.kernel.values.reduce(0, +) == 0)
    #expect(ClassicKernel.sharpen.kernel.values.reduce(0, +) == 1)
    #expect(ClassicKernel(rawValue: "sobel-x") == .sobelX)
  }

  @Test func appliesToATestImageInPixelUnits() throws {
    let data = ImageSet(
      shape: Shape(height: 2, width: 2, channels: 1), pixels: [0, 255, 51, 102], labels: [0],
      classNames: ["a"])
    let result = try ClassicKernel.blur.apply(to: data, index: 0)
    let expected: [Float] = [0, 1, 0.2, 0.4]
    for j in 0..<4 { #expect(abs(result.input.values[j] - expected[j]) < 1e-6) }
    #expect(throws: InspectionError.noSuchImage(index: 1, count: 1)) {
      try ClassicKernel.blur.apply(to: data, index: 1)
    }
  }
}
