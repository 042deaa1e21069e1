import Core
import Testing
import TestSupport

@Suite struct MeanSquaredErrorTests {
  @Test func oneHotTargetByHand() {
    let y = Tensor(batch: 2, shape: .flat(2), storage: [0.5, 0.5, 1, 2])
    let loss = MeanSquaredError(target: .oneHotLabels)
    var g = Tensor(batch: 0, shape: .flat(1))
    // targets [1, 0] and [0, 1]: squares 0.25, 0.25, 1, 1 -> 2.5 / 4
    #expect(loss.value(outputs: y, inputs: y, labels: [0, 1], gradient: &g) == 0.625)
    #expect(g.storage == [-0.25, 0.25, 0.5, 0.5])
    #expect(loss.isClassifier && loss.throughFinalActivation)
  }

  @Test func inputTargetMatchesFiniteDifferences() {
    let shape = Shape(height: 2, width: 2, channels: 1)
    let x = GradientCheck.randomInput(batch: 2, shape: shape, seed: 2)
    var y = GradientCheck.randomInput(batch: 2, shape: shape, seed: 3)
    let loss = MeanSquaredError(target: .input)
    #expect(!loss.isClassifier)
    var g = Tensor(batch: 0, shape: .flat(1))
    _ = loss.value(outputs: y, inputs: x, labels: [0, 0], gradient: &g)
    let h: Float = 1e-2
    for i in 0..<y.count {
      let saved = y.storage[i]
      y.storage[i] = saved + h
      let plus = Double(loss.value(outputs: y, inputs: x, labels: [0, 0]))
      y.storage[i] = saved - h
      let minus = Double(loss.value(outputs: y, inputs: x, labels: [0, 0]))
      y.storage[i] = saved
      #expect(abs((plus - minus) / (2 * Double(h)) - Double(g.storage[i])) < 1e-4)
    }
  }
}
