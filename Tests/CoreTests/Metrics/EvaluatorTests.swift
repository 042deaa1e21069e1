import Core
import Testing
import TestSupport

@Suite struct EvaluatorTests {
  let data = SyntheticImages.lines(count: 70)

  private func model(_ specs: [LayerSpec]) throws -> Sequential {
    let model = Sequential(seed: 5)
    try model.setStack(input: data.shape, specs: specs)
    return model
  }

  /// The batched result equals one forward pass over everything, whatever the batch size.
  @Test func batchesAddUpToTheWhole() throws {
    let m = try model([.flatten, .dense(units: 4, activation: .softmax)])
    let small = try Evaluator(batchSize: 16).evaluate(model: m, data: data)
    var all = Tensor(batch: 0, shape: data.shape)
    var labels: [Int] = []
    data.gather(0..<data.count, into: &all, labels: &labels)
    let outputs = m.forward(all, context: ComputeContext(mode: .inference))
    let loss = SoftmaxCrossEntropy(outputsAreProbabilities: true)
      .value(outputs: outputs, inputs: all, labels: labels)
    #expect(abs(small.loss - loss) < 1e-5)
    #expect(small.count == 70)
    var confusion = ConfusionMatrix(classes: 4)
    confusion.add(outputs: outputs, labels: labels)
    #expect(small.confusion == confusion)
    #expect(small.accuracy == confusion.accuracy)
    #expect(small.perClassAccuracy.count == 4)
  }

  @Test func autoencodersGetALossOnly() throws {
    let m = try model([.activation(.sigmoid)])
    let result = try Evaluator().evaluate(model: m, data: data)
    #expect(result.accuracy == nil && result.confusion == nil && result.loss > 0)
  }

  @Test func wrongInputIsRefused() throws {
    let m = Sequential()
    try m.setStack(input: .flat(64), specs: [.dense(units: 4)])
    #expect(throws: TrainingError.inputMismatch(model: .flat(64), data: data.shape)) {
      _ = try Evaluator().evaluate(model: m, data: data)
    }
  }
}
