import Core
import Foundation
import Testing
import TestSupport

@Suite struct ActivationLayerTests {
  static let all: [Activation] = [
    .relu, .leakyRelu(alpha: 0.3), .leakyRelu(alpha: 0), .tanh, .lecunTanh, .sigmoid, .softmax,
  ]

  /// Random values in ±[0.1, 1]: away from relu's kink.
  private func input(batch: Int, shape: Shape) -> Tensor {
    var x = GradientCheck.randomInput(batch: batch, shape: shape)
    for i in 0..<x.count { x.storage[i] += x.storage[i] < 0 ? -0.1 : 0.1 }
    return x
  }

  @Test(arguments: all, [Shape.flat(6), Shape(height: 3, width: 2, channels: 4)])
  func gradientsMatchFiniteDifferences(activation: Activation, shape: Shape) throws {
    let layer = ActivationLayer(activation)
    var random = SeededRandom(seed: 1)
    try layer.build(input: shape, random: &random)
    #expect(try layer.outputShape(for: shape) == shape)
    let report = GradientCheck.check(layer, input: input(batch: 2, shape: shape), step: 1e-3)
    #expect(report.worst < 1e-2, "\(activation) on \(shape): \(report)")
  }

  @Test func lecunTanhIsScaledTanh() {
    let layer = ActivationLayer(.lecunTanh)
    let x = Tensor(batch: 1, shape: .flat(3), storage: [-1.5, 0, 1.5])
    let y = layer.forward(x, context: ComputeContext(mode: .inference))
    for i in 0..<3 {
      let expected = 1.7159 * Foundation.tanh(2.0 / 3.0 * Double(x.storage[i]))
      #expect(abs(Double(y.storage[i]) - expected) < 1e-6)
    }
  }

  @Test func softmaxOnImagesRunsOverChannelsAtEachPosition() {
    let shape = Shape(height: 2, width: 2, channels: 3)
    let layer = ActivationLayer(.softmax)
    let y = layer.forward(
      input(batch: 2, shape: shape), context: ComputeContext(mode: .inference))
    for n in 0..<2 {
      for row in 0..<2 {
        for column in 0..<2 {
          let sum = (0..<3).reduce(Float(0)) { $0 + y[n, $1, row, column] }
          #expect(abs(sum - 1) < 1e-6)
        }
      }
    }
  }

  @Test func leakyReluSlopeMustBeBelowOne() {
    #expect(throws: ShapeError.self) {
      _ = try ActivationLayer(.leakyRelu(alpha: 1)).outputShape(for: .flat(3))
    }
    #expect(throws: ShapeError.self) {
      _ = try ActivationLayer(.leakyRelu(alpha: -0.1)).outputShape(for: .flat(3))
    }
    #expect(throws: Never.self) {
      _ = try ActivationLayer(.leakyRelu(alpha: 0)).outputShape(for: .flat(3))
    }
  }

  @Test func skippedBackwardPassesGradientThrough() {
    let layer = ActivationLayer(.softmax)
    let context = ComputeContext(mode: .training)
    _ = layer.forward(input(batch: 1, shape: .flat(4)), context: context)
    let g = Tensor(batch: 1, shape: .flat(4), storage: [0.1, -0.2, 0.3, -0.4])
    #expect(layer.backward(g, context: context, throughActivation: false).storage == g.storage)
  }
}
