import Core
import Foundation
import Testing
import TestSupport

@Suite struct SoftmaxCrossEntropyTests {
  let logits = GradientCheck.randomInput(batch: 3, shape: .flat(5), seed: 4)
  let labels = [2, 0, 4]

  private func softmax(_ z: Tensor) -> Tensor {
    var p = z
    p.storage.withUnsafeMutableBufferPointer { Activation.softmax.apply($0, shape: z.shape, batch: z.batch) }
    return p
  }

  /// (p − onehot)/B, computed the long way.
  private func expectedGradient(_ z: Tensor) -> [Float] {
    let p = softmax(z)
    var g = p.storage.map { $0 / Float(z.batch) }
    for (n, label) in labels.enumerated() { g[n * 5 + label] -= 1 / Float(z.batch) }
    return g
  }

  /// Central differences of `loss` with respect to every logit, in Double.
  private func numericGradient(_ loss: (Tensor) -> Float) -> [Double] {
    let h: Float = 1e-2
    var z = logits
    return (0..<z.count).map { i in
      let saved = z.storage[i]
      z.storage[i] = saved + h
      let plus = Double(loss(z))
      z.storage[i] = saved - h
      let minus = Double(loss(z))
      z.storage[i] = saved
      return (plus - minus) / (2 * Double(h))
    }
  }

  @Test func fusedGradientIsWithRespectToTheLogits() {
    let loss = SoftmaxCrossEntropy(outputsAreProbabilities: true)
    #expect(!loss.throughFinalActivation)
    var gradient = Tensor(batch: 0, shape: .flat(1))
    let value = loss.value(outputs: softmax(logits), inputs: logits, labels: labels, gradient: &gradient)
    let numeric = numericGradient { loss.value(outputs: softmax($0), inputs: $0, labels: labels) }
    let expected = expectedGradient(logits)
    for i in 0..<logits.count {
      #expect(abs(Double(gradient.storage[i]) - numeric[i]) < 1e-3)
      #expect(abs(gradient.storage[i] - expected[i]) < 1e-7)
    }
    let p = softmax(logits)
    let manual = labels.enumerated().reduce(0.0) { $0 - log(Double(p.storage[$1.0 * 5 + $1.1])) } / 3
    #expect(abs(Double(value) - manual) < 1e-6)
  }

  @Test func logitsGradientMatchesFiniteDifferences() {
    let loss = SoftmaxCrossEntropy(outputsAreProbabilities: false)
    #expect(loss.throughFinalActivation)
    var gradient = Tensor(batch: 0, shape: .flat(1))
    let fused = SoftmaxCrossEntropy(outputsAreProbabilities: true)
    let value = loss.value(outputs: logits, inputs: logits, labels: labels, gradient: &gradient)
    #expect(abs(value - fused.value(outputs: softmax(logits), inputs: logits, labels: labels)) < 1e-6)
    let numeric = numericGradient { loss.value(outputs: $0, inputs: $0, labels: labels) }
    let expected = expectedGradient(logits)
    for i in 0..<logits.count {
      #expect(abs(Double(gradient.storage[i]) - numeric[i]) < 1e-3)
      #expect(abs(gradient.storage[i] - expected[i]) < 1e-7)
    }
  }

  @Test func hugeLogitsStayFinite() {
    let z = Tensor(batch: 1, shape: .flat(3), storage: [1000, -1000, 0])
    let loss = SoftmaxCrossEntropy(outputsAreProbabilities: false)
    var gradient = Tensor(batch: 0, shape: .flat(1))
    #expect(loss.value(outputs: z, inputs: z, labels: [0], gradient: &gradient) == 0)
    #expect(abs(loss.value(outputs: z, inputs: z, labels: [1]) - 2000) < 1e-3)
    #expect(gradient.storage.allSatisfy { $0.isFinite })
    // A zero probability is clipped at Keras' epsilon: −log(1e-7) ≈ 16.118.
    let p = Tensor(batch: 1, shape: .flat(2), storage: [1, 0])
    let clipped = SoftmaxCrossEntropy(outputsAreProbabilities: true).value(outputs: p, inputs: p, labels: [1])
    #expect(abs(clipped - 16.118_095) < 1e-4)
  }

  /// `dense 4 softmax`, `dense 4` + `softmax` and `dense 4` on logits all give the same weight
  /// gradients (the same seed draws the same weights).
  @Test func fusedSeparateAndLogitPathsAgree() throws {
    let input = GradientCheck.randomInput(batch: 3, shape: .flat(6), seed: 8)
    let stacks: [[LayerSpec]] = [
      [.dense(units: 4, activation: .softmax)],
      [.dense(units: 4), .activation(.softmax)],
      [.dense(units: 4)],
    ]
    var gradients: [[[Float]]] = []
    for specs in stacks {
      let model = Sequential(seed: 11)
      try model.setStack(input: .flat(6), specs: specs)
      let loss = try LossKind.crossEntropy.makeLoss(for: model, classes: 4)
      let context = ComputeContext(mode: .training)
      let out = model.forward(input, context: context)
      var g = Tensor(batch: 0, shape: .flat(1))
      _ = loss.value(outputs: out, inputs: input, labels: [3, 1, 0], gradient: &g)
      model.backward(g, context: context, throughFinalActivation: loss.throughFinalActivation)
      gradients.append(model.parameters.map(\.gradient))
    }
    for other in gradients.dropFirst() {
      for (a, b) in zip(gradients[0], other) {
        for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-6) }
      }
    }
  }
}
