import Core
import TestSupport
import Testing

/// Direct-loop oracles for the convolution layers, written from the definitions and sharing
/// nothing with `Im2col` or the layers, plus the checks every conv test file runs.
enum ConvReference {
  /// Padding before and output size along one axis: valid `⌊(in − k_eff)/s⌋ + 1`, explicit
  /// `⌊(in + 2P − k_eff)/s⌋ + 1`, Keras same `⌈in/s⌉` with
  /// `total = max((out − 1)·s + k_eff − in, 0)` and `total/2` before.
  static func axis(_ size: Int, kernel effective: Int, stride s: Int, padding: Padding) -> (
    before: Int, out: Int
  ) {
    switch padding {
    case .valid: return (0, (size - effective) / s + 1)
    case .explicit(let p): return (p, (size + 2 * p - effective) / s + 1)
    case .same:
      let out = (size + s - 1) / s
      return (max((out - 1) * s + effective - size, 0) / 2, out)
    }
  }

  /// `y[n,f,oy,ox] = b[f] + Σ w[f,c,ky,kx]·x[n,c,oy·s − pt + ky·d, ox·s − pl + kx·d]`.
  static func conv(
    _ x: Tensor, weight: [Float], bias: [Float]?, filters: Int, kernel k: Int, stride s: Int = 1,
    padding: Padding = .valid, dilation d: Int = 1
  ) -> Tensor {
    let (h, w, cin) = (x.shape.height, x.shape.width, x.shape.channels)
    let rows = axis(h, kernel: d * (k - 1) + 1, stride: s, padding: padding)
    let cols = axis(w, kernel: d * (k - 1) + 1, stride: s, padding: padding)
    var y = Tensor(
      batch: x.batch, shape: Shape(height: rows.out, width: cols.out, channels: filters))
    for n in 0..<x.batch {
      for f in 0..<filters {
        for oy in 0..<rows.out {
          for ox in 0..<cols.out {
            var sum = Double(bias?[f] ?? 0)
            for c in 0..<cin {
              for ky in 0..<k {
                for kx in 0..<k {
                  let iy = oy * s - rows.before + ky * d
                  let ix = ox * s - cols.before + kx * d
                  guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                  sum +=
                    Double(weight[((f * cin + c) * k + ky) * k + kx]) * Double(x[n, c, iy, ix])
                }
              }
            }
            y[n, f, oy, ox] = Float(sum)
          }
        }
      }
    }
    return y
  }

  /// Output channel `c·M + m` correlates input channel `c` with its own kernel `w[c·M + m]`.
  static func depthwise(
    _ x: Tensor, weight: [Float], bias: [Float]?, kernel k: Int, multiplier: Int, stride s: Int,
    padding: Padding
  ) -> Tensor {
    let (h, w, cin) = (x.shape.height, x.shape.width, x.shape.channels)
    let rows = axis(h, kernel: k, stride: s, padding: padding)
    let cols = axis(w, kernel: k, stride: s, padding: padding)
    var y = Tensor(
      batch: x.batch,
      shape: Shape(height: rows.out, width: cols.out, channels: cin * multiplier))
    for n in 0..<x.batch {
      for o in 0..<(cin * multiplier) {
        for oy in 0..<rows.out {
          for ox in 0..<cols.out {
            var sum = Double(bias?[o] ?? 0)
            for ky in 0..<k {
              for kx in 0..<k {
                let (iy, ix) = (oy * s - rows.before + ky, ox * s - cols.before + kx)
                guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                sum += Double(weight[(o * k + ky) * k + kx]) * Double(x[n, o / multiplier, iy, ix])
              }
            }
            y[n, o, oy, ox] = Float(sum)
          }
        }
      }
    }
    return y
  }

  /// PyTorch's ConvTranspose2d as a scatter: input pixel (iy, ix) adds `w[c, o, ky, kx]·x` to
  /// output (iy·s − P + ky, ix·s − P + kx) when inside `out = (in − 1)·s − 2P + k`.
  static func transposed(
    _ x: Tensor, weight: [Float], bias: [Float], filters: Int, kernel k: Int, stride s: Int,
    padding p: Int
  ) -> Tensor {
    let (h, w, cin) = (x.shape.height, x.shape.width, x.shape.channels)
    let (outH, outW) = ((h - 1) * s - 2 * p + k, (w - 1) * s - 2 * p + k)
    var y = Tensor(batch: x.batch, shape: Shape(height: outH, width: outW, channels: filters))
    for n in 0..<x.batch {
      for o in 0..<filters {
        for oy in 0..<outH {
          for ox in 0..<outW { y[n, o, oy, ox] = bias[o] }
        }
      }
      for c in 0..<cin {
        for iy in 0..<h {
          for ix in 0..<w {
            for o in 0..<filters {
              for ky in 0..<k {
                for kx in 0..<k {
                  let (oy, ox) = (iy * s - p + ky, ix * s - p + kx)
                  guard oy >= 0, oy < outH, ox >= 0, ox < outW else { continue }
                  y[n, o, oy, ox] += weight[((c * filters + o) * k + ky) * k + kx] * x[n, c, iy, ix]
                }
              }
            }
          }
        }
      }
    }
    return y
  }

  /// `t` with `activation` applied (unchanged without one).
  static func activated(_ t: Tensor, _ activation: Activation?) -> Tensor {
    guard let activation else { return t }
    var result = t
    result.storage.withUnsafeMutableBufferPointer {
      activation.apply($0, shape: result.shape, batch: result.batch)
    }
    return result
  }

  /// Expects `y` to have `expected`'s shape and values within `1e-5`.
  static func expectClose(_ y: Tensor, _ expected: Tensor) {
    #expect(y.shape == expected.shape)
    let worst = zip(y.storage, expected.storage).map { abs($0 - $1) }.max() ?? 0
    #expect(worst < 1e-5)
  }

  /// Expects `backward` to agree with finite differences on `x` (worst relative error below
  /// 1e-2), with gradients for exactly the parameters named in `parameters`.
  static func expectGradientsMatch(_ layer: any Layer, input x: Tensor, parameters: [String]) {
    let report = GradientCheck.check(layer, input: x)
    #expect(report.worst < 1e-2, "\(report)")
    #expect(report.worstParameterError.keys.sorted() == parameters.sorted())
  }

  /// Expects threads 1 and 2 to give the same outputs (within 1e-6) and input gradients
  /// (within 1e-5), and two 2-thread passes bit-identical parameter and input gradients.
  static func expectThreadIndependence(_ layer: any Layer, input: Shape, batch: Int = 7) {
    let x = GradientCheck.randomInput(batch: batch, shape: input)
    let one = ComputeContext(mode: .training, threads: 1)
    let two = ComputeContext(mode: .training, threads: 2)
    let y1 = layer.forward(x, context: one)
    let y2 = layer.forward(x, context: two)
    #expect(zip(y1.storage, y2.storage).allSatisfy { abs($0 - $1) < 1e-6 })

    let g = GradientCheck.randomInput(batch: batch, shape: y1.shape, seed: 5)
    let dx1 = layer.backward(g, context: two)
    let dw1 = layer.parameters.map(\.gradient)
    _ = layer.forward(x, context: two)
    let dx2 = layer.backward(g, context: two)
    #expect(
      layer.parameters.map(\.gradient) == dw1, "two runs with 2 threads must agree bit for bit")
    #expect(dx1.storage == dx2.storage)

    _ = layer.forward(x, context: one)
    let dxSingle = layer.backward(g, context: one)
    #expect(zip(dx1.storage, dxSingle.storage).allSatisfy { abs($0 - $1) < 1e-5 })
    for (a, b) in zip(dw1, layer.parameters.map(\.gradient)) {
      #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-4 })
    }
  }
}
