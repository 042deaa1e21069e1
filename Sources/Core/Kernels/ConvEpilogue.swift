/// The one pass that turns a convolution's GEMM product into what the next layer reads: bias,
/// relu and, in inference, the `maxpool 2` that follows, fused so the product is read once.
///
/// Product layout `[C, G·size]`: image `i`, channel `c` is the `size`-long plane at
/// `c·G·size + i·size` (for one image that is NCHW already, and the pass may run in place).
/// Output: NCHW. Values equal the unfused passes bit for bit: `relu(x + b)` is computed as
/// `x + b` then `v < 0 ? 0 : v` (``Activation/apply(_:shape:batch:)``), and rounding is
/// monotonic, so `max(x_j) + b` is `max(x_j + b)`.
enum ConvEpilogue {
  /// `out[i,c,p] = relu?(product[c, i·size + p] + bias[c])` for `images` images (no add
  /// without a bias).
  static func write(
    _ product: UnsafePointer<Float>, images: Int, channels: Int, size: Int,
    bias: UnsafeBufferPointer<Float>?, relu: Bool, into target: UnsafeMutablePointer<Float>
  ) {
    let width = images * size
    for i in 0..<images {
      for c in 0..<channels {
        let source = product + c * width + i * size
        let out = target + (i * channels + c) * size
        switch (bias?[c], relu) {
        case (let b?, true):
          for p in 0..<size {
            let v = source[p] + b
            out[p] = v < 0 ? 0 : v
          }
        case (let b?, false):
          for p in 0..<size { out[p] = source[p] + b }
        case (nil, true):
          for p in 0..<size { out[p] = source[p] < 0 ? 0 : source[p] }
        case (nil, false):
          if UnsafePointer(out) != source { out.update(from: source, count: size) }
        }
      }
    }
  }

  /// Bias, relu and a 2x2 stride-2 max pool in one pass:
  ///
  ///     out[i,c,oy,ox] = relu?(max(product[c, i, 2oy + dy, 2ox + dx] for dy, dx in {0, 1}) + bias[c])
  ///
  /// Planes are `height x width` (`size = height·width`); the output is NCHW
  /// `[images, C, ⌊height/2⌋, ⌊width/2⌋]` (an odd last row or column is dropped, as `maxpool 2`
  /// drops it). Ties and order do not matter for the value; NaN inputs are not propagated the
  /// way ``MaxPool2D`` propagates them (inference only).
  static func writePooled(
    _ product: UnsafePointer<Float>, images: Int, channels: Int, height: Int, width: Int,
    bias: UnsafeBufferPointer<Float>?, relu: Bool, into target: UnsafeMutablePointer<Float>
  ) {
    let size = height * width
    let (outH, outW) = (height / 2, width / 2)
    let plane = images * size
    for i in 0..<images {
      for c in 0..<channels {
        let source = product + c * plane + i * size
        let out = target + (i * channels + c) * outH * outW
        let b = bias?[c] ?? 0
        for oy in 0..<outH {
          let (upper, lower) = (source + 2 * oy * width, source + (2 * oy + 1) * width)
          let row = out + oy * outW
          // Plain selects on stride-2 loads: the loop vectoriser turns them into shuffles
          // and vmaxps (Swift's SIMD comparisons would not).
          if relu {
            for ox in 0..<outW {
              let v = max4(upper[2 * ox], upper[2 * ox + 1], lower[2 * ox], lower[2 * ox + 1]) + b
              row[ox] = v < 0 ? 0 : v
            }
          } else {
            for ox in 0..<outW {
              row[ox] =
                max4(upper[2 * ox], upper[2 * ox + 1], lower[2 * ox], lower[2 * ox + 1]) + b
            }
          }
        }
      }
    }
  }

  /// Training's fused `conv … relu` + `maxpool 2`: bias, relu and the pool in one pass, keeping
  /// where each maximum came from:
  ///
  ///     y[p]     = relu?(product[c, i·size + p] + bias[c])              (never stored)
  ///     out[o]   = max(y[p] for p in window o),   argmax[o] = that p   (`y·width + x`)
  ///
  /// Each `y` is computed as ``write(_:images:channels:size:bias:relu:into:)`` computes it and
  /// compared as ``MaxPool2D`` compares (row-major, ties keep the first cell, NaN wins), so
  /// `out` and `argmax` equal the unfused conv + pool bit for bit. Output and `argmax` are NCHW
  /// `[images, C, ⌊height/2⌋, ⌊width/2⌋]`.
  static func writePooledRecording(
    _ product: UnsafePointer<Float>, images: Int, channels: Int, height: Int, width: Int,
    bias: UnsafeBufferPointer<Float>?, relu: Bool, into target: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutablePointer<Int32>
  ) {
    let size = height * width
    let (outH, outW) = (height / 2, width / 2)
    let plane = images * size
    for i in 0..<images {
      for c in 0..<channels {
        let source = product + c * plane + i * size
        let first = (i * channels + c) * outH * outW
        let (out, arg) = (target + first, argmax + first)
        Pooling.maxPlane2x2(
          source, outputHeight: outH, width: width, into: out, argmax: arg,
          Pooling.CellTransform(bias: bias?[c], relu: relu))
      }
    }
  }

  /// The adjoint of ``writePooledRecording(_:images:channels:height:width:bias:relu:into:argmax:)``
  /// for backward: dLoss/d(pre-activation) in product layout `[C, G·size]`, from the pooled
  /// gradient `gradient` (NCHW, as `argmax`).
  ///
  ///     delta[c, i·size + argmax[o]] = pooled[o] > 0 ? 0 + gradient[o] : 0   (with relu)
  ///
  /// and 0 at every cell no window chose: what `maxpool`'s backward, the relu mask and the
  /// NCHW → product copy give one after another, bit for bit.
  static func pooledGradient(
    _ gradient: UnsafePointer<Float>, pooled: UnsafePointer<Float>,
    argmax: UnsafePointer<Int32>, images: Int, channels: Int, size: Int, pooledSize: Int,
    relu: Bool, into delta: UnsafeMutablePointer<Float>
  ) {
    let plane = images * size
    delta.update(repeating: 0, count: channels * plane)
    for i in 0..<images {
      for c in 0..<channels {
        let first = (i * channels + c) * pooledSize
        let (g, y, arg) = (gradient + first, pooled + first, argmax + first)
        let target = delta + c * plane + i * size
        if relu {
          for o in 0..<pooledSize {
            let v = 0 + g[o]
            target[Int(arg[o])] = y[o] > 0 ? v : 0
          }
        } else {
          for o in 0..<pooledSize { target[Int(arg[o])] = 0 + g[o] }
        }
      }
    }
  }

  @inline(__always)
  private static func max4(_ a: Float, _ b: Float, _ c: Float, _ d: Float) -> Float {
    let top = b > a ? b : a
    let bottom = d > c ? d : c
    return bottom > top ? bottom : top
  }
}
