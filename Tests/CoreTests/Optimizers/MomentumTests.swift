import Core
import Testing

@Suite struct MomentumTests {
  @Test func twoStepsByHand() {
    let p = Parameter(name: "weight", dimensions: [1], value: [1])
    let opt = OptimizerKind.momentum.make(learningRate: 0.1)
    p.gradient = [0.5]
    opt.step(parameters: [p])  // v = 0.5, w = 1 − 0.05 = 0.95
    #expect(abs(p.value[0] - 0.95) < 1e-6)
    opt.step(parameters: [p])  // v = 0.9·0.5 + 0.5 = 0.95, w = 0.95 − 0.095 = 0.855
    #expect(abs(p.value[0] - 0.855) < 1e-6)
  }

  @Test func weightDecayIsAddedToTheGradient() {
    let p = Parameter(name: "weight", dimensions: [1], value: [1])
    p.gradient = [0.5]
    Momentum(learningRate: 0.1, weightDecay: 0.1).step(parameters: [p])  // v = 0.6
    #expect(abs(p.value[0] - 0.94) < 1e-6)
  }

  @Test func stateIsPerParameter() {
    let a = Parameter(name: "a", dimensions: [1], value: [0])
    let b = Parameter(name: "b", dimensions: [1], value: [0])
    let opt = Momentum(learningRate: 1)
    a.gradient = [1]
    b.gradient = [0]
    opt.step(parameters: [a, b])
    opt.step(parameters: [a, b])
    #expect(a.value == [-2.9])  // v: 1, then 1.9
    #expect(b.value == [0])
  }
}
