import Core
import Foundation
import TestSupport
import Testing

/// A 3x3 stride-1 conv with ≥ 16 channels in and out runs through Winograd F(2x2, 3x3) in
/// forward and backward; these check it against direct sums from the definitions, on sizes
/// and paddings that exercise every edge (odd outputs, padding 0…3, outputs wider than 16
/// columns so the 8-tile path runs, a single pixel, images cut into bands of tile rows).
struct WinogradCase: CustomStringConvertible, Sendable {
  var channels = 16
  var filters = 16
  var padding = Padding.valid
  var activation: Activation? = nil
  var bias = true
  var height = 8
  var width = 8

  var input: Shape { Shape(height: height, width: width, channels: channels) }
  var layer: Conv2D {
    Conv2D(filters: filters, kernel: 3, padding: padding, useBias: bias, activation: activation)
  }
  var description: String { "\(layer.spec) on \(input)" }
}

private let winogradCases: [WinogradCase] = [
  WinogradCase(),
  WinogradCase(height: 7, width: 9),
  WinogradCase(padding: .same),
  WinogradCase(filters: 24, padding: .same, activation: .relu, height: 7, width: 5),
  WinogradCase(channels: 20, padding: .explicit(2), height: 5, width: 6),
  WinogradCase(padding: .explicit(3), bias: false, height: 4, width: 3),
  WinogradCase(padding: .same, activation: .tanh, height: 1, width: 1),
  WinogradCase(channels: 17, filters: 18, padding: .same, height: 9, width: 37),
  WinogradCase(padding: .valid, activation: .relu, height: 6, width: 36),
  WinogradCase(padding: .same, height: 32, width: 32),
  // More tiles per image than a block takes: bands of tile rows (``Winograd/Block``), padded,
  // unpadded (bands read below the first row) and with an odd last band.
  WinogradCase(channels: 24, filters: 20, padding: .same, height: 32, width: 40),
  WinogradCase(channels: 20, filters: 16, activation: .relu, height: 36, width: 40),
  WinogradCase(padding: .explicit(2), bias: false, height: 33, width: 31),
]

/// Direct sums of the backward pass of `y = conv(x) + b` with `δ = dLoss/dy`:
/// `dX[c,iy,ix] = Σ δ[f,oy,ox]·w[f,c,ky,kx]` over `iy = oy − pt + ky`, `dW = Σ δ·x`, `dB = Σ δ`.
private func referenceBackward(
  x: Tensor, delta: Tensor, weight: [Float], filters: Int, padding: Padding
) -> (dx: [Double], dw: [Double], db: [Double]) {
  let (h, w, cin) = (x.shape.height, x.shape.width, x.shape.channels)
  let rows = ConvReference.axis(h, kernel: 3, stride: 1, padding: padding)
  let cols = ConvReference.axis(w, kernel: 3, stride: 1, padding: padding)
  var dx = [Double](repeating: 0, count: x.storage.count)
  var dw = [Double](repeating: 0, count: weight.count)
  var db = [Double](repeating: 0, count: filters)
  for n in 0..<x.batch {
    for f in 0..<filters {
      for oy in 0..<rows.out {
        for ox in 0..<cols.out {
          let d = Double(delta[n, f, oy, ox])
          db[f] += d
          for c in 0..<cin {
            for ky in 0..<3 {
              for kx in 0..<3 {
                let (iy, ix) = (oy - rows.before + ky, ox - cols.before + kx)
                guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                let k = ((f * cin + c) * 3 + ky) * 3 + kx
                dw[k] += d * Double(x[n, c, iy, ix])
                dx[((n * cin + c) * h + iy) * w + ix] += d * Double(weight[k])
              }
            }
          }
        }
      }
    }
  }
  return (dx, dw, db)
}

/// The largest `|a − b|` over the pairs, relative to the largest `|b|` (at least 1).
private func worstError(_ a: [Float], _ b: [Double]) -> Double {
  let scale = max(1, b.map(abs).max() ?? 0)
  return zip(a, b).map { abs(Double($0) - $1) }.max().map { $0 / scale } ?? .infinity
}

@Suite("Conv2D through Winograd")
struct Conv2DWinogradTests {
  private func built(_ c: WinogradCase) throws -> Conv2D {
    let layer = c.layer
    var random = SeededRandom(seed: 11)
    try layer.build(input: c.input, random: &random)
    for parameter in layer.parameters where parameter.name == "bias" {
      parameter.value = (0..<parameter.count).map { Float($0 % 7) * 0.05 - 0.15 }
    }
    return layer
  }

  @Test(arguments: winogradCases)
  func forwardAndBackwardMatchDirectSums(_ c: WinogradCase) throws {
    let layer = try built(c)
    #expect(layer.method == .winograd)
    for threads in [1, 2] {
      let context = ComputeContext(mode: .training, threads: threads)
      let x = GradientCheck.randomInput(batch: 3, shape: c.input, seed: 4)
      let y = layer.forward(x, context: context)
      let weight = layer.parameters[0].value
      let plain = ConvReference.conv(
        x, weight: weight, bias: c.bias ? layer.parameters[1].value : nil, filters: c.filters,
        kernel: 3, padding: c.padding)
      let expected = ConvReference.activated(plain, c.activation)
      #expect(y.shape == expected.shape)
      #expect(
        worstError(y.storage, expected.storage.map(Double.init)) < 2e-6,
        "forward, \(threads) thread(s)")

      let g = GradientCheck.randomInput(batch: 3, shape: y.shape, seed: 8)
      // δ = g through the activation's derivative at y.
      var delta = g
      for i in 0..<g.storage.count {
        let value = y.storage[i]
        switch c.activation {
        case nil: break
        case .relu?: delta.storage[i] = value > 0 ? g.storage[i] : 0
        case .tanh?: delta.storage[i] = g.storage[i] * (1 - value * value)
        default: Issue.record("no derivative written for \(String(describing: c.activation))")
        }
      }
      let dx = layer.backward(g, context: context, throughActivation: true)
      let reference = referenceBackward(
        x: x, delta: delta, weight: weight, filters: c.filters, padding: c.padding)
      #expect(dx.shape == x.shape)
      #expect(worstError(dx.storage, reference.dx) < 2e-6, "dX, \(threads) thread(s)")
      #expect(
        worstError(layer.parameters[0].gradient, reference.dw) < 2e-6,
        "dW, \(threads) thread(s)")
      if c.bias {
        #expect(
          worstError(layer.parameters[1].gradient, reference.db) < 2e-6,
          "dB, \(threads) thread(s)")
      }
    }
  }

  @Test(arguments: [winogradCases[1], winogradCases[3], winogradCases[7]])
  func gradientsMatchFiniteDifferences(_ c: WinogradCase) throws {
    var smooth = c
    if smooth.activation == .relu { smooth.activation = .tanh }
    let layer = try built(smooth)
    let x = GradientCheck.randomInput(batch: 2, shape: c.input, seed: 6)
    ConvReference.expectGradientsMatch(
      layer, input: x, parameters: smooth.bias ? ["weight", "bias"] : ["weight"])
  }

  @Test(arguments: [
    WinogradCase(filters: 32, padding: .same, activation: .relu, height: 12, width: 10),
    WinogradCase(padding: .same, height: 36, width: 34),
  ])
  func twoThreadRunsAreBitIdenticalAndCloseToOneThread(_ c: WinogradCase) throws {
    ConvReference.expectThreadIndependence(try built(c), input: c.input, batch: 9)
  }

  /// Also on a map cut into bands of tile rows (36x34: 306 tiles).
  @Test(arguments: [10, 36])
  func aFirstLayerGetsTheSameParameterGradientsWithoutDX(side: Int) throws {
    // The training pass asks a conv that reads the data for its parameter gradients only.
    let input = Shape(height: side, width: side - 2 * (side / 36), channels: 16)
    let spec = LayerSpec.conv(
      filters: 16, kernel: 3, stride: 1, padding: .same, dilation: 1, bias: true,
      activation: .relu, initializer: .glorot)
    let model = try Sequential.built(input: input, [spec], seed: 3) { Float($0 % 3) * 0.1 - 0.1 }
    let conv = try #require(model.layers.first as? Conv2D)
    #expect(conv.method == .winograd)
    let context = ComputeContext(mode: .training, threads: 2)
    let x = GradientCheck.randomInput(batch: 5, shape: input)
    let y = model.forward(x, context: context)
    let g = GradientCheck.randomInput(batch: 5, shape: y.shape, seed: 3)
    model.backward(g, context: context)
    let full = model.parameters.map(\.gradient)
    _ = model.forwardForTraining(x, context: context)
    for parameter in model.parameters {
      parameter.gradient = [Float](repeating: .nan, count: parameter.count)
    }
    model.backwardForTraining(g, context: context)
    #expect(model.parameters.map(\.gradient) == full)
  }

  @Test(arguments: winogradCases.suffix(3))
  func theBandCasesHaveMoreTilesThanABlock(_ c: WinogradCase) throws {
    // The last three cases must reach the band path the direct sums above check.
    let layer = try built(c)
    let out = try layer.outputShape(for: c.input)
    let tiles = (out.height + 1) / 2 * ((out.width + 1) / 2)
    #expect(tiles > Conv2D.winogradBandTiles, "\(tiles) tiles, \(Conv2D.winogradBandTiles) a band")
  }

  @Test(arguments: [
    (WinogradCase(channels: 15), ConvolutionMethod.im2col),
    (WinogradCase(filters: 8), ConvolutionMethod.im2col),
    (WinogradCase(channels: 32, filters: 32), ConvolutionMethod.winograd),
  ])
  func thinLayersKeepIm2col(_ c: WinogradCase, expected: ConvolutionMethod) throws {
    #expect(try built(c).method == expected)
  }
}
