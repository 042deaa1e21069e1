import Core

extension Normalization {
  /// Mean and standard deviation of `x/255` over every pixel of `set` (all channels together).
  ///
  /// `mean = Σ x/255 / N`, `std = √(Σ (x/255 − mean)² / N)` over the `N = count·H·W·C` bytes,
  /// computed exactly from a 256-bin histogram. A constant set gets `std = 1`, never 0.
  /// MNIST's training images give about `mean 0.1307, std 0.3081`.
  public static func fitted(to set: ImageSet) -> Normalization {
    var histogram = [Int](repeating: 0, count: 256)
    set.pixels.withUnsafeBufferPointer { pixels in
      histogram.withUnsafeMutableBufferPointer { bins in
        for value in pixels { bins[Int(value)] += 1 }
      }
    }
    let total = Double(set.pixels.count)
    guard total > 0 else { return .unit }
    var mean = 0.0
    for (value, n) in histogram.enumerated() { mean += Double(n) * Double(value) / 255 }
    mean /= total
    var variance = 0.0
    for (value, n) in histogram.enumerated() {
      let d = Double(value) / 255 - mean
      variance += Double(n) * d * d
    }
    let std = (variance / total).squareRoot()
    return Normalization(mean: Float(mean), std: std > 1e-6 ? Float(std) : 1)
  }
}
