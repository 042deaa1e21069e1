import Core
import TestSupport
import Testing

private func builtSeparable(_ layer: SeparableConv2D, input: Shape) throws -> SeparableConv2D {
  var random = SeededRandom(seed: 11)
  try layer.build(input: input, random: &random)
  let bias = layer.parameters[2]
  bias.value = (0..<bias.count).map { Float($0) * 0.05 - 0.1 }
  return layer
}

/// Direct loop: `y[f] = b[f] + Σ_c p[f, c] · Σ_(ky,kx) d[c, ky, kx] · x[c, oy·s − pt + ky, ox·s − pl + kx]`.
private func referenceSeparable(
  _ x: Tensor, depthwise: [Float], pointwise: [Float], bias: [Float], filters: Int, kernel k: Int,
  stride s: Int, padding: Padding
) -> Tensor {
  let (h, w, cin) = (x.shape.height, x.shape.width, x.shape.channels)
  func axis(_ size: Int) -> (before: Int, out: Int) {
    switch padding {
    case .valid: return (0, (size - k) / s + 1)
    case .explicit(let p): return (p, (size + 2 * p - k) / s + 1)
    case .same:
      let out = (size + s - 1) / s
      return (max((out - 1) * s + k - size, 0) / 2, out)
    }
  }
  let (rows, cols) = (axis(h), axis(w))
  var y = Tensor(batch: x.batch, shape: Shape(height: rows.out, width: cols.out, channels: filters))
  for n in 0..<x.batch {
    for oy in 0..<rows.out {
      for ox in 0..<cols.out {
        var z = [Double](repeating: 0, count: cin)
        for c in 0..<cin {
          for ky in 0..<k {
            for kx in 0..<k {
              let (iy, ix) = (oy * s - rows.before + ky, ox * s - cols.before + kx)
              guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
              z[c] += Double(depthwise[(c * k + ky) * k + kx]) * Double(x[n, c, iy, ix])
            }
          }
        }
        for f in 0..<filters {
          var sum = Double(bias[f])
          for c in 0..<cin { sum += Double(pointwise[f * cin + c]) * z[c] }
          y[n, f, oy, ox] = Float(sum)
        }
      }
    }
  }
  return y
}

@Suite("SeparableConv2D")
struct SeparableConv2DTests {
  struct Case: CustomStringConvertible, Sendable {
    var filters: Int
    var kernel: Int
    var stride = 1
    var padding = Padding.valid
    var activation: Activation? = nil
    var input: Shape

    func built() throws -> SeparableConv2D {
      try builtSeparable(
        SeparableConv2D(
          filters: filters, kernel: kernel, stride: stride, padding: padding,
          activation: activation), input: input)
    }
    var description: String {
      let spec = LayerSpec.separableConv(
        filters: filters, kernel: kernel, stride: stride, padding: padding, activation: activation)
      return "\(spec) on \(input)"
    }
  }

  static let cases: [Case] = [
    Case(filters: 4, kernel: 3, input: Shape(height: 6, width: 7, channels: 3)),
    Case(
      filters: 3, kernel: 3, stride: 2, padding: .same,
      input: Shape(height: 7, width: 6, channels: 2)),
    Case(
      filters: 5, kernel: 2, padding: .explicit(1), activation: .tanh,
      input: Shape(height: 5, width: 5, channels: 2)),
  ]

  @Test(arguments: cases)
  func forwardMatchesDirectLoop(_ c: Case) throws {
    let layer = try c.built()
    let x = GradientCheck.randomInput(batch: 2, shape: c.input)
    let y = layer.forward(x, context: ComputeContext(mode: .training))
    let p = layer.parameters.map(\.value)
    var expected = referenceSeparable(
      x, depthwise: p[0], pointwise: p[1], bias: p[2], filters: layer.filters,
      kernel: layer.kernel, stride: layer.stride, padding: layer.padding)
    if let activation = layer.activation {
      expected.storage.withUnsafeMutableBufferPointer {
        activation.apply($0, shape: expected.shape, batch: expected.batch)
      }
    }
    #expect(y.shape == expected.shape)
    #expect(zip(y.storage, expected.storage).allSatisfy { abs($0 - $1) < 1e-5 })
  }

  @Test(arguments: cases)
  func gradientsMatchFiniteDifferences(_ c: Case) throws {
    let layer = try c.built()
    let report = GradientCheck.check(
      layer, input: GradientCheck.randomInput(batch: 2, shape: c.input))
    #expect(report.worst < 1e-2, "\(report)")
    #expect(report.worstParameterError.count == 3)
  }

  @Test func threadCountDoesNotChangeResults() throws {
    let input = Shape(height: 8, width: 8, channels: 3)
    let layer = try builtSeparable(
      SeparableConv2D(filters: 6, kernel: 3, activation: .relu), input: input)
    let x = GradientCheck.randomInput(batch: 5, shape: input)
    let (one, two) = (
      ComputeContext(mode: .training, threads: 1), ComputeContext(mode: .training, threads: 2)
    )
    let y1 = layer.forward(x, context: one)
    let y2 = layer.forward(x, context: two)
    #expect(zip(y1.storage, y2.storage).allSatisfy { abs($0 - $1) < 1e-6 })
    let g = GradientCheck.randomInput(batch: 5, shape: y1.shape, seed: 6)
    _ = layer.backward(g, context: two)
    let first = layer.parameters.map(\.gradient)
    _ = layer.forward(x, context: two)
    _ = layer.backward(g, context: two)
    #expect(layer.parameters.map(\.gradient) == first)
  }

  /// Keras SeparableConv2D(F, k) counts k·k·Cin + Cin·F + F.
  ///
  /// SeparableConv2D(32, 3) on 28x28x1: 9 + 32 + 32 = 73; SeparableConv2D(64, 3) on 26x26x32:
  /// 288 + 2,048 + 64 = 2,400.
  @Test func parameterCountsNamesAndMacs() throws {
    let first = SeparableConv2D(filters: 32, kernel: 3, activation: .relu)
    #expect(first.parameterCount(for: Shape(height: 28, width: 28, channels: 1)) == 73)
    let second = SeparableConv2D(filters: 64, kernel: 3)
    let input = Shape(height: 26, width: 26, channels: 32)
    #expect(second.parameterCount(for: input) == 2_400)
    // k²·Cin·Hout·Wout + Cin·F·Hout·Wout = 9·32·576 + 32·64·576
    #expect(second.macs(for: input) == 9 * 32 * 576 + 32 * 64 * 576)
    var random = SeededRandom(seed: 1)
    try second.build(input: input, random: &random)
    #expect(
      second.parameters.map(\.name) == ["depthwise.weight", "pointwise.weight", "pointwise.bias"])
    #expect(second.parameters.map(\.dimensions) == [[32, 1, 3, 3], [64, 32, 1, 1], [64]])
    #expect(second.parameters.map(\.count).reduce(0, +) == 2_400)
    #expect(second.receptiveField(after: .input) == ReceptiveField(size: 3, jump: 1))
  }

  @Test func shapesAndRefusals() throws {
    // ⌈28/2⌉ = 14 with same; ⌊(13 − 3)/2⌋ + 1 = 6 valid.
    #expect(
      try SeparableConv2D(filters: 8, kernel: 3, stride: 2, padding: .same).outputShape(
        for: Shape(height: 28, width: 28, channels: 4)
      ).description == "14x14x8")
    #expect(
      try SeparableConv2D(filters: 8, kernel: 3, stride: 2).outputShape(
        for: Shape(height: 13, width: 13, channels: 4)
      ).description == "6x6x8")
    #expect {
      _ = try SeparableConv2D(filters: 8, kernel: 5).outputShape(
        for: Shape(height: 4, width: 4, channels: 2))
    } throws: { error in
      "\(error)"
        == "sepconv 8 5: input 4x4x2 is smaller than the 5x5 kernel: (4 - 5 + 2·0)/1 + 1 = 0; use pad=same or a smaller kernel"
    }
    #expect(throws: ShapeError.self) {
      _ = try SeparableConv2D(filters: 0, kernel: 3).outputShape(
        for: Shape(height: 8, width: 8, channels: 2))
    }
  }
}
