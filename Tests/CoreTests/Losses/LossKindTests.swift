import Core
import Testing

@Suite struct LossKindTests {
  let image = Shape(height: 4, width: 4, channels: 1)

  private func model(_ specs: [LayerSpec], input: Shape) throws -> Sequential {
    let model = Sequential(seed: 1)
    try model.setStack(input: input, specs: specs)
    return model
  }

  @Test func automaticPicksMSEOnlyForAutoencoders() {
    #expect(LossKind.automatic(input: image, output: .flat(10)) == .crossEntropy)
    #expect(LossKind.automatic(input: image, output: image) == .meanSquaredError)
    #expect(LossKind(rawValue: "mse") == .meanSquaredError)
  }

  @Test func crossEntropyReadsTheLastActivation() throws {
    let fused = try model([.flatten, .dense(units: 3, activation: .softmax)], input: image)
    let row = try model([.flatten, .dense(units: 3), .activation(.softmax)], input: image)
    let logits = try model([.flatten, .dense(units: 3)], input: image)
    for (m, probabilities) in [(fused, true), (row, true), (logits, false)] {
      let loss = try LossKind.crossEntropy.makeLoss(for: m, classes: 3)
      #expect((loss as? SoftmaxCrossEntropy)?.outputsAreProbabilities == probabilities)
    }
  }

  @Test func mismatchedOutputsAreRefused() throws {
    let m = try model([.flatten, .dense(units: 3)], input: image)
    #expect(throws: TrainingError.self) { _ = try LossKind.crossEntropy.makeLoss(for: m, classes: 10) }
    let error = TrainingError.outputMismatch(output: .flat(3), loss: .crossEntropy, classes: 10, input: image)
    #expect(error.description.contains("end the model with `dense 10 softmax`"))
    #expect(throws: TrainingError.emptyModel) {
      _ = try LossKind.crossEntropy.makeLoss(for: Sequential(), classes: 10)
    }
    let mse = try LossKind.meanSquaredError.makeLoss(for: m, classes: 3)
    #expect((mse as? MeanSquaredError)?.target == .oneHotLabels)
  }
}
