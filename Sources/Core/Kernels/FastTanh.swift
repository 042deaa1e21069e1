/// A vectorised `tanh` for Float32, eight lanes at a time (glibc's scalar `tanhf` cost half of
/// lenet5's training time).
///
///     tanh(x) ≈ x · P(x²) / Q(x²)      for |x| ≤ 7.905 (beyond, tanh is ±1 to Float32 precision)
///
/// with P of degree 6 and Q of degree 3 in x² (the rational minimax fit Eigen uses for float
/// `tanh`), `x` itself below |x| < 0.0004 and NaN passed through. Within a few ulps of the
/// exact value; every element gets the same arithmetic (the tail is padded into a vector), so
/// results do not depend on how a batch is split.
enum FastTanh {
  /// `values[i] = outScale · tanh(inScale · values[i])` in place.
  static func apply(
    _ values: UnsafeMutableBufferPointer<Float>, inScale: Float = 1, outScale: Float = 1
  ) {
    guard let base = values.baseAddress else { return }
    let raw = UnsafeMutableRawPointer(base)
    let n = values.count
    var i = 0
    while i + 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
      raw.storeBytes(of: tanh8(x * inScale) * outScale, toByteOffset: i * 4, as: SIMD8<Float>.self)
      i += 8
    }
    if i < n {
      var x = SIMD8<Float>(repeating: 0)
      for j in 0..<(n - i) { x[j] = base[i + j] }
      let y = tanh8(x * inScale) * outScale
      for j in 0..<(n - i) { base[i + j] = y[j] }
    }
  }

  @inline(__always)
  static func tanh8(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let limit: Float = 7.90531110763549805
    // Selects, not `clamped` (its generic min/max were not inlined).
    var c = x.replacing(with: limit, where: x .> limit)
    c.replace(with: -limit, where: c .< -limit)
    let x2 = c * c
    var p = x2 * -2.76076847742355e-16 + 2.00018790482477e-13
    p = x2 * p + -8.60467152213735e-11
    p = x2 * p + 5.12229709037114e-08
    p = x2 * p + 1.48572235717979e-05
    p = x2 * p + 6.37261928875436e-04
    p = x2 * p + 4.89352455891786e-03
    p = c * p
    var q = x2 * 1.19825839466702e-06 + 1.18534705686654e-04
    q = x2 * q + 2.26843463243900e-03
    q = x2 * q + 4.89352518554385e-03
    var y = p / q
    let magnitude = x.replacing(with: -x, where: x .< 0)
    y.replace(with: x, where: magnitude .< 0.0004)
    y.replace(with: x, where: x .!= x)
    return y
  }
}
