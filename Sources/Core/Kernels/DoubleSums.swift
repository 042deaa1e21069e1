/// Sums of Float values in Double for batchnorm's statistics, vectorised.
///
/// Eight running sums (lane `j` takes `i ≡ j (mod 8)`), added lane by lane in order, then the
/// tail: a fixed order, so a given input gives the same bits every run and on every thread
/// count. A single running sum is a chain of dependent additions (one per ~4 cycles); eight
/// lanes let the CPU add 4 doubles per instruction.
enum DoubleSums {
  /// `Σ x[i]` for `i < count`.
  static func sum(_ x: UnsafePointer<Float>, count: Int) -> Double {
    var lanes = SIMD8<Double>(repeating: 0)
    var i = 0
    while i + 8 <= count {
      lanes += SIMD8<Double>(UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self))
      i += 8
    }
    var total = lanes.sum()
    while i < count {
      total += Double(x[i])
      i += 1
    }
    return total
  }

  /// `Σ (x[i] − center)²` for `i < count`.
  static func squaredDeviations(_ x: UnsafePointer<Float>, count: Int, from center: Double)
    -> Double
  {
    var lanes = SIMD8<Double>(repeating: 0)
    let mean = SIMD8<Double>(repeating: center)
    var i = 0
    while i + 8 <= count {
      let d =
        SIMD8<Double>(UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)) - mean
      lanes += d * d
      i += 8
    }
    var total = lanes.sum()
    while i < count {
      let d = Double(x[i]) - center
      total += d * d
      i += 1
    }
    return total
  }

  /// `(Σ g[i], Σ g[i]·x[i])` for `i < count`.
  static func sumAndDot(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, count: Int)
    -> (sum: Double, dot: Double)
  {
    var sums = SIMD8<Double>(repeating: 0)
    var dots = SIMD8<Double>(repeating: 0)
    var i = 0
    while i + 8 <= count {
      let gv = SIMD8<Double>(UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self))
      let xv = SIMD8<Double>(UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self))
      sums += gv
      dots += gv * xv
      i += 8
    }
    var (sum, dot) = (sums.sum(), dots.sum())
    while i < count {
      sum += Double(g[i])
      dot += Double(g[i]) * Double(x[i])
      i += 1
    }
    return (sum, dot)
  }
}
