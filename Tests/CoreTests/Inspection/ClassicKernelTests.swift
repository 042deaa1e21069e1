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

  /// A 5x5 kernel of your own on a 4x6 image, against the sum written out:
  /// `out[y,x] = Σ k[i,j]·in[y+i−2, x+j−2]`, zero outside.
  @Test func aFiveByFiveKernelOfYourOwnIsACrossCorrelation() throws {
    let image = Grid(height: 4, width: 6, values: (0..<24).map { Float($0 % 7) - 2 })
    let values = (0..<25).map { Float($0 * 3 % 11) - 5 }
    let kernel = try ClassicKernel.custom(values)
    #expect(kernel.height == 5 && kernel.width == 5 && kernel.values == values)
    let out = ClassicKernel.apply(kernel, to: image).output
    for y in 0..<4 {
      for x in 0..<6 {
        var sum: Float = 0
        for i in 0..<5 {
          for j in 0..<5 {
            let (iy, ix) = (y + i - 2, x + j - 2)
            if (0..<4).contains(iy), (0..<6).contains(ix) { sum += values[i * 5 + j] * image[iy, ix] }
          }
        }
        #expect(out[y, x] == sum, "(\(y), \(x))")
      }
    }
    // Not flipped: the top-left number meets the pixel up and to the left. At (2, 2) with only
    // k[0,0] = 1, the output is in[0, 0].
    let corner = try ClassicKernel.custom([1] + [Float](repeating: 0, count: 24))
    #expect(ClassicKernel.apply(corner, to: image).output[2, 2] == image[0, 0])
  }

  /// `edge` is the negative Laplacian [0 −1 0; −1 4 −1; 0 −1 0]: the Laplacian typed as numbers
  /// gives its output with the sign flipped, and sobel-x typed out gives sobel-x exactly.
  @Test func theLaplacianIsEdgeNegatedAndNamedKernelsAreTheirNumbers() throws {
    var random = SeededRandom(seed: 5)
    let image = Grid(height: 6, width: 5, values: (0..<30).map { _ in random.uniform(0, 1) })
    let laplacian = try ClassicKernel.custom([0, 1, 0, 1, -4, 1, 0, 1, 0])
    #expect(laplacian.values == ClassicKernel.edge.kernel.values.map { -$0 })
    let mine = ClassicKernel.apply(laplacian, to: image).output.values
    let edge = ClassicKernel.edge.apply(to: image).output.values
    #expect(mine == edge.map { -$0 })
    for named in ClassicKernel.allCases {
      let typed = try ClassicKernel.custom(named.kernel.values)
      #expect(ClassicKernel.apply(typed, to: image) == named.apply(to: image))
    }
  }

  @Test func otherCountsAndHugeNumbersAreRefused() {
    for count in [0, 1, 4, 8, 10, 16, 24, 49] {
      #expect(throws: InspectionError.self, "\(count)") {
        try ClassicKernel.custom([Float](repeating: 1, count: count))
      }
    }
    #expect(throws: InspectionError.self) {
      try ClassicKernel.custom([Float](repeating: 1, count: 8) + [2e6])
    }
    #expect(throws: InspectionError.self) {
      try ClassicKernel.custom([Float](repeating: 1, count: 8) + [.infinity])
    }
  }
}
