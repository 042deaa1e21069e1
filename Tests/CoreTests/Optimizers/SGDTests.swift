import Core
import Testing

@Suite struct SGDTests {
  @Test func stepIsLearningRateTimesGradientPlusDecay() {
    let p = Parameter(name: "weight", dimensions: [2], value: [1, -2])
    p.gradient = [0.5, 0.25]
    let sgd = SGD(learningRate: 0.1, weightDecay: 0.01)
    sgd.step(parameters: [p])
    // 1 − 0.1·(0.5 + 0.01·1) = 0.949;  −2 − 0.1·(0.25 − 0.02) = −2.023
    #expect(abs(p.value[0] - 0.949) < 1e-6)
    #expect(abs(p.value[1] - -2.023) < 1e-6)
  }

  @Test func nonTrainableParametersStay() {
    let running = Parameter(name: "running_mean", dimensions: [1], isTrainable: false, value: [3])
    running.gradient = [1]
    SGD(learningRate: 1, weightDecay: 0.5).step(parameters: [running])
    #expect(running.value == [3])
  }

  @Test func learningRateCanChangeBetweenSteps() {
    let p = Parameter(name: "bias", dimensions: [1], value: [0])
    p.gradient = [1]
    let sgd = SGD(learningRate: 0.1)
    sgd.step(parameters: [p])
    sgd.learningRate = 0.5
    sgd.step(parameters: [p])
    #expect(abs(p.value[0] - -0.6) < 1e-6)
  }
}
