import Core
import Foundation
import Testing

@Suite struct AdamTests {
  /// Hand-computed with lr 0.1, β1 0.9, β2 0.999, ε 1e-7, g = 0.5 then −0.25:
  /// step 1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25, w = 1 − 0.1·0.5/(0.5 + 1e-7) = 0.9000000
  /// step 2: m = 0.02, v = 0.00031225, m̂ = 0.02/0.19, v̂ = 0.00031225/0.001999,
  ///         w = 0.9 − 0.1·0.1052632/(0.3952254 + 1e-7) = 0.8733663
  @Test func firstTwoStepsByHand() {
    let p = Parameter(name: "weight", dimensions: [1], value: [1])
    let adam = Adam(learningRate: 0.1)
    #expect(adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-7)
    p.gradient = [0.5]
    adam.step(parameters: [p])
    #expect(abs(p.value[0] - 0.9) < 2e-6)
    p.gradient = [-0.25]
    adam.step(parameters: [p])
    #expect(abs(p.value[0] - 0.873_366_3) < 2e-6)
  }

  @Test func weightDecayIsCoupled() {
    // g' = 0 + 0.5·2 = 1: the first Adam step moves by lr whatever the size of g'.
    let p = Parameter(name: "weight", dimensions: [1], value: [2])
    p.gradient = [0]
    Adam(learningRate: 0.01, weightDecay: 0.5).step(parameters: [p])
    #expect(abs(p.value[0] - 1.99) < 1e-6)
  }

  /// The update runs eight lanes at a time with a scalar tail: every value must equal the
  /// documented formula computed one value at a time, bit for bit, wherever the tail starts.
  @Test(arguments: [1, 7, 8, 9, 23, 1_000])
  func vectorAndTailEqualTheScalarFormula(count: Int) {
    var random = SeededRandom(seed: UInt64(count))
    let start = (0..<count).map { _ in random.uniform(-1, 1) }
    let p = Parameter(name: "weight", dimensions: [count], value: start)
    let adam = Adam(learningRate: 0.01, weightDecay: 0.1)
    var (w, m, v) = (start, [Float](repeating: 0, count: count), [Float](repeating: 0, count: count))
    for t in 1...3 {
      let g = (0..<count).map { _ in random.uniform(-0.5, 0.5) }
      p.gradient = g
      adam.step(parameters: [p])
      let (b1, b2, lr, wd, eps): (Float, Float, Float, Float, Float) = (0.9, 0.999, 0.01, 0.1, 1e-7)
      let c1 = Float(1 - pow(Double(b1), Double(t)))
      let c2 = Float(1 - pow(Double(b2), Double(t)))
      for i in 0..<count {
        let gi = g[i] + wd * w[i]
        m[i] = b1 * m[i] + (1 - b1) * gi
        v[i] = b2 * v[i] + (1 - b2) * gi * gi
        w[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
      }
      #expect(p.value.map(\.bitPattern) == w.map(\.bitPattern), "step \(t)")
    }
  }

  @Test func defaultsAreKeras() {
    #expect(OptimizerKind.adam.defaultLearningRate == 0.001)
    #expect(OptimizerKind.sgd.defaultLearningRate == 0.01)
    #expect(OptimizerKind.adam.make().learningRate == 0.001)
  }
}
