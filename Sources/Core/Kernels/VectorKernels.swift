/// Small loops shared by the convolution layers (bias add, per-channel sums, layout changes).
///
/// Layout words: NCHW stores image `i`, channel `c` as one `size`-long plane at
/// `(i·C + c)·size`; a GEMM product `[C, G·size]` stores it at `c·G·size + i·size`.
enum VectorKernels {
  /// The 8 values `row[(first + lane)·s + offset]`, `lane < 8`: window column `offset` of 8
  /// consecutive outputs at stride `s` (one 8-value load at stride 1, the even half of a 16-value
  /// load at stride 2, one by one otherwise). The caller keeps every value read inside its row.
  @inline(__always)
  static func stridedLanes(
    _ row: UnsafePointer<Float>, first: Int, stride s: Int, offset: Int
  ) -> SIMD8<Float> {
    if s == 1 { return UnsafeRawPointer(row + first + offset).loadUnaligned(as: SIMD8<Float>.self) }
    if s == 2 {
      return UnsafeRawPointer(row + 2 * first + offset).loadUnaligned(as: SIMD16<Float>.self)
        .evenHalf
    }
    var v = SIMD8<Float>()
    for lane in 0..<8 { v[lane] = row[(first + lane) * s + offset] }
    return v
  }

  /// Adds `bias[c]` to every value of each `size`-long plane; planes cycle through the channels
  /// (`planes` = images × channels, NCHW).
  static func addBias(
    _ bias: UnsafeBufferPointer<Float>, to values: UnsafeMutablePointer<Float>, planes: Int,
    size: Int
  ) {
    let channels = bias.count
    for plane in 0..<planes {
      let b = bias[plane % channels]
      let start = values + plane * size
      for p in 0..<size { start[p] += b }
    }
  }

  /// The gradient with respect to the pre-activation for `images` NCHW samples of `shape`.
  ///
  /// Without an activation that is `gradient` itself; otherwise a copy in `scratch` passed
  /// through `activation.backward` with the layer's outputs `y` (the caller's tensor is left
  /// as it was).
  static func preActivationGradient(
    _ gradient: UnsafeMutablePointer<Float>, outputs y: UnsafePointer<Float>,
    activation: Activation?, shape: Shape, images: Int, scratch: UnsafeMutablePointer<Float>
  ) -> UnsafeMutablePointer<Float> {
    guard let activation else { return gradient }
    let count = images * shape.count
    if activation == .relu {
      // One pass instead of a copy and an in-place pass (same values: `[y > 0]·g`).
      for i in 0..<count {
        let v = gradient[i]
        scratch[i] = y[i] > 0 ? v : 0
      }
      return scratch
    }
    if activation == .tanh {
      for i in 0..<count { scratch[i] = gradient[i] * (1 - y[i] * y[i]) }
      return scratch
    }
    scratch.update(from: gradient, count: count)
    activation.backward(
      outputs: UnsafeBufferPointer(start: y, count: count),
      gradients: UnsafeMutableBufferPointer(start: scratch, count: count), shape: shape,
      batch: images)
    return scratch
  }

  /// Adds each row's sum: `sums[r] += Σ values[r·stride ..< r·stride + length]`.
  ///
  /// Eight running partial sums (fixed order, so results are reproducible) let it vectorise.
  static func addRowSums(
    _ values: UnsafePointer<Float>, rows: Int, length: Int, stride: Int,
    into sums: UnsafeMutablePointer<Float>
  ) {
    let wide = length / 8 * 8
    for r in 0..<rows {
      let row = values + r * stride
      let raw = UnsafeRawPointer(row)
      var partial = SIMD8<Float>()
      for p in Swift.stride(from: 0, to: wide, by: 8) {
        partial += raw.loadUnaligned(fromByteOffset: p * 4, as: SIMD8<Float>.self)
      }
      var total = partial.sum()
      for p in wide..<length { total += row[p] }
      sums[r] += total
    }
  }

  /// `sums[c] += Σ` of channel `c`'s plane in each of `images` NCHW images.
  static func addChannelSums(
    _ values: UnsafePointer<Float>, images: Int, channels: Int, size: Int,
    into sums: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<images {
      addRowSums(
        values + i * channels * size, rows: channels, length: size, stride: size, into: sums)
    }
  }

  /// `[C, G·size]` → NCHW for `images` images, adding `bias[c]` (if any) on the way.
  static func productToNCHW(
    _ product: UnsafePointer<Float>, images: Int, channels: Int, size: Int,
    bias: UnsafeBufferPointer<Float>?, into target: UnsafeMutablePointer<Float>
  ) {
    let width = images * size
    for i in 0..<images {
      for c in 0..<channels {
        let source = product + c * width + i * size
        let out = target + (i * channels + c) * size
        let b = bias?[c] ?? 0
        for p in 0..<size { out[p] = source[p] + b }
      }
    }
  }

  /// NCHW → `[C, G·size]` for `images` images (the inverse of ``productToNCHW``, no bias).
  static func nchwToProduct(
    _ source: UnsafePointer<Float>, images: Int, channels: Int, size: Int,
    into product: UnsafeMutablePointer<Float>
  ) {
    let width = images * size
    for i in 0..<images {
      for c in 0..<channels {
        (product + c * width + i * size).update(
          from: source + (i * channels + c) * size, count: size)
      }
    }
  }

  /// `y[i] += a·x[i]` for `i` in `0..<count`, 8 lanes at a time.
  @inline(__always)
  static func axpy(
    _ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int
  ) {
    let (from, to) = (UnsafeRawPointer(x), UnsafeMutableRawPointer(y))
    let scale = SIMD8<Float>(repeating: a)
    var i = 0
    while i + 8 <= count {
      let sum =
        to.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
        + scale * from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
      to.storeBytes(of: sum, toByteOffset: i * 4, as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      y[i] += a * x[i]
      i += 1
    }
  }

  /// Adds `Σ x[i]·y[i]` over `0..<count` to a running sum kept as eight lanes plus a tail, so
  /// a long dot product made of short rows is reduced across lanes only once, at the end
  /// (`lanes.sum() + tail`, a fixed order).
  @inline(__always)
  static func addDot(
    _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int,
    lanes: inout SIMD8<Float>, tail: inout Float
  ) {
    let (a, b) = (UnsafeRawPointer(x), UnsafeRawPointer(y))
    var i = 0
    while i + 8 <= count {
      lanes +=
        a.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
        * b.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      tail += x[i] * y[i]
      i += 1
    }
  }
}
