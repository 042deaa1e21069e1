import Core
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

  @Test func defaultsAreKeras() {
    #expect(OptimizerKind.adam.defaultLearningRate == 0.001)
    #expect(OptimizerKind.sgd.defaultLearningRate == 0.01)
    #expect(OptimizerKind.adam.make().learningRate == 0.001)
  }
}
