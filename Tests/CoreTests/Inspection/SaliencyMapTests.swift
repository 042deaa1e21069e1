import Core
import TestSupport
import Testing

@Suite struct SaliencyMapTests {
  let shape = Shape(height: 6, width: 6, channels: 2)

  func specs(_ last: Activation?) -> [LayerSpec] {
    [
      .conv(filters: 3, kernel: 3, activation: .tanh), .avgPool(kernel: 2), .flatten,
      .dense(units: 4, activation: last),
    ]
  }

  /// The saliency of a softmax net equals central differences of the logit, computed on the
  /// same weights with the softmax removed.
  @Test func equalsFiniteDifferencesOfThePreSoftmaxLogit() throws {
    let model = Sequential(seed: 5)
    try model.setStack(input: shape, specs: specs(.softmax))
    let logits = Sequential(seed: 99)
    try logits.setStack(input: shape, specs: specs(nil))
    for (target, source) in zip(logits.parameters, model.parameters) { target.value = source.value }

    let image = GradientCheck.randomInput(batch: 1, shape: shape, seed: 3)
    let k = 2
    let map = SaliencyMap.compute(model: model, image: image, classIndex: k)
    let context = ComputeContext(mode: .inference)
    func score(_ x: Tensor) -> Double { Double(logits.forward(x, context: context).storage[k]) }
    let h: Float = 1e-2
    var worst = 0.0
    for c in 0..<2 {
      for y in 0..<6 {
        for x in 0..<6 {
          var plus = image
          plus[0, c, y, x] += h
          var minus = image
          minus[0, c, y, x] -= h
          let numeric = (score(plus) - score(minus)) / (2 * Double(h))
          let analytic = Double(map.gradient[0, c, y, x])
          worst = max(worst, abs(analytic - numeric) / max(abs(analytic) + abs(numeric), 1e-2))
        }
      }
    }
    #expect(worst < 1e-2, "worst relative error \(worst)")
    for y in 0..<6 {
      for x in 0..<6 {
        let expected = max(abs(map.gradient[0, 0, y, x]), abs(map.gradient[0, 1, y, x]))
        #expect(map.heat[y, x] == expected)
      }
    }
    let probabilities = model.forward(image, context: context).storage
    #expect(map.probability == probabilities[k])
  }

  @Test func withoutSoftmaxTheOutputIsTheScore() throws {
    let model = Sequential(seed: 5)
    try model.setStack(input: shape, specs: specs(nil))
    let image = GradientCheck.randomInput(batch: 1, shape: shape, seed: 4)
    let map = SaliencyMap.compute(model: model, image: image, classIndex: 1)
    let context = ComputeContext(mode: .inference)
    var plus = image
    plus[0, 1, 2, 3] += 1e-2
    var minus = image
    minus[0, 1, 2, 3] -= 1e-2
    let numeric =
      (model.forward(plus, context: context).storage[1]
        - model.forward(minus, context: context).storage[1]) / 2e-2
    #expect(abs(map.gradient[0, 1, 2, 3] - numeric) < 1e-2 * max(abs(numeric), 0.1))
  }

  @Test func refusesModelsThatAreNotClassifiersOfTheData() throws {
    let model = Sequential(seed: 5)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 1), specs: [.flatten, .dense(units: 3)])
    let data = SyntheticImages.lines(count: 4)
    #expect(throws: InspectionError.notClassifier(output: .flat(3), classes: 4)) {
      try SaliencyMap.compute(model: model, data: data, index: 0)
    }
  }
}
