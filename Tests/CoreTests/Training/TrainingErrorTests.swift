import Core
import TestSupport
import Testing

/// ``TrainingError`` and ``NumericalFault`` as ``StudentFacingError``s: one example per case
/// (and per wording), each with a problem, a hint and the line `problem; hint`.
@Suite struct TrainingErrorTests {
  /// The cases by name; ``kind(of:)`` switches over them all, so a new case does not compile
  /// until it is named here, and then fails ``everyCaseHasAnExample`` until it has one.
  enum Kind: CaseIterable {
    case emptyModel, emptyData, inputMismatch, outputMismatch, invalidOption, alreadyRunning
  }

  static func kind(of error: TrainingError) -> Kind {
    switch error {
    case .emptyModel: .emptyModel
    case .emptyData: .emptyData
    case .inputMismatch: .inputMismatch
    case .outputMismatch: .outputMismatch
    case .invalidOption: .invalidOption
    case .alreadyRunning: .alreadyRunning
    }
  }

  static let mnist = Shape(height: 28, width: 28, channels: 1)

  static let examples: [TrainingError] = [
    .emptyModel,
    .emptyData(split: "train"),
    .inputMismatch(model: Shape(height: 32, width: 32, channels: 3), data: mnist),
    .outputMismatch(output: .flat(5), loss: .crossEntropy, classes: 10, input: mnist),
    .outputMismatch(output: .flat(5), loss: .meanSquaredError, classes: 10, input: mnist),
    .invalidOption(name: "lr", value: "-1", hint: "give a learning rate above 0"),
    .alreadyRunning,
  ]

  @Test func everyCaseHasAnExample() {
    #expect(Set(Self.examples.map(Self.kind)) == Set(Kind.allCases))
  }

  @Test(arguments: examples) func problemThenHint(_ error: TrainingError) {
    #expect(studentFacingFlaws(error) == [])
  }

  @Test func aNumericalFaultSaysWhereThenWhatToDo() {
    let fault = NumericalFault(
      what: "the loss became inf", step: 20, epoch: 10, restoredStep: 19, learningRate: 1e9)
    #expect(studentFacingFlaws(fault) == [])
    #expect(fault.problem == "the loss became inf at step 20 (epoch 10)")
    #expect(
      fault.description
        == "the loss became inf at step 20 (epoch 10); the weights are back to those after step "
        + "19; lower the learning rate (lr=\(formatNumber(1e9)) now)")
    #expect(StopReason.numericalFault(fault).description == fault.description)
  }
}
