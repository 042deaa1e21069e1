import Core
import TestSupport
import Testing

/// ``ShapeError`` as a ``StudentFacingError``: one example per case, each with a problem (the
/// layer's name first), a hint and the one line `problem; hint` the REPL has always printed.
@Suite struct ShapeErrorTests {
  /// The cases by name; ``kind(of:)`` switches over them all, so a new case does not compile
  /// until it is named here, and then fails ``everyCaseHasAnExample`` until it has one.
  enum Kind: CaseIterable {
    case windowDoesNotFit, needsFlatInput, needsImageInput, invalidArgument, noInput
  }

  static func kind(of error: ShapeError) -> Kind {
    switch error {
    case .windowDoesNotFit: .windowDoesNotFit
    case .needsFlatInput: .needsFlatInput
    case .needsImageInput: .needsImageInput
    case .invalidArgument: .invalidArgument
    case .noInput: .noInput
    }
  }

  static let image = Shape(height: 3, width: 3, channels: 8)

  static let examples: [ShapeError] = [
    .windowDoesNotFit(
      layer: "conv 16 5", input: image, kernel: 5, effectiveKernel: 5, padding: 0, stride: 1,
      axisSize: 3, output: -1),
    .windowDoesNotFit(
      layer: "conv 16 3 dilation=2", input: image, kernel: 3, effectiveKernel: 5, padding: 0,
      stride: 1, axisSize: 3, output: -1),
    .needsFlatInput(layer: "dense 10", input: image),
    .needsImageInput(layer: "maxpool 2", input: .flat(72)),
    .invalidArgument(layer: "dropout 1.5", problem: "P must be below 1", hint: "try dropout 0.5"),
    .noInput,
  ]

  @Test func everyCaseHasAnExample() {
    #expect(Set(Self.examples.map(Self.kind)) == Set(Kind.allCases))
  }

  @Test(arguments: examples) func problemThenHint(_ error: ShapeError) {
    #expect(studentFacingFlaws(error) == [])
  }

  @Test func theLineIsTheOneTheREPLPrints() {
    #expect(
      Self.examples[0].description
        == "conv 16 5: input 3x3x8 is smaller than the 5x5 kernel: (3 - 5 + 2·0)/1 + 1 = -1; "
        + "use pad=same or a smaller kernel")
    #expect(Self.examples[0].problem.hasPrefix("conv 16 5: "))
    #expect(
      ShapeError.noInput.description
        == "there is no input shape yet; start with `input 28x28x1` or `input data`")
  }
}
