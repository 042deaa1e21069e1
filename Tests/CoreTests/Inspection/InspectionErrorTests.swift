import Core
import TestSupport
import Testing

/// ``InspectionError`` as a ``StudentFacingError``: one example per case (and per wording),
/// each with a problem, a hint and the line `problem; hint`.
@Suite struct InspectionErrorTests {
  /// The cases by name; ``kind(of:)`` switches over them all, so a new case does not compile
  /// until it is named here, and then fails ``everyCaseHasAnExample`` until it has one.
  enum Kind: CaseIterable {
    case emptyModel, noSuchRow, noSuchImage, inputMismatch, noSuchChannel, notConvolutional
    case notSpatial, notClassifier, invalidOption, wrongLayer, notAutoencoder
  }

  static func kind(of error: InspectionError) -> Kind {
    switch error {
    case .emptyModel: .emptyModel
    case .noSuchRow: .noSuchRow
    case .noSuchImage: .noSuchImage
    case .inputMismatch: .inputMismatch
    case .noSuchChannel: .noSuchChannel
    case .notConvolutional: .notConvolutional
    case .notSpatial: .notSpatial
    case .notClassifier: .notClassifier
    case .invalidOption: .invalidOption
    case .wrongLayer: .wrongLayer
    case .notAutoencoder: .notAutoencoder
    }
  }

  static let examples: [InspectionError] = [
    .emptyModel,
    .noSuchRow(row: 9, first: 0, last: 4),
    .noSuchRow(row: 0, first: 1, last: 4),
    .noSuchImage(index: 12, count: 10),
    .noSuchImage(index: 0, count: 0),
    .inputMismatch(
      model: Shape(height: 32, width: 32, channels: 3),
      data: Shape(height: 28, width: 28, channels: 1)),
    .noSuchChannel(channel: 8, channels: 8, row: 1),
    .notConvolutional(row: 3, layer: "dense 10"),
    .notSpatial(row: 4, layer: "flatten"),
    .notClassifier(output: .flat(5), classes: 10),
    .invalidOption(name: "steps", value: "0", hint: "give 1 to 500 steps"),
    .wrongLayer(row: 2, layer: "maxpool 2", tool: "show conv", wanted: "a conv row", rows: [1, 3]),
    .wrongLayer(row: 2, layer: "maxpool 2", tool: "show conv", wanted: "a conv row", rows: [1]),
    .wrongLayer(row: 1, layer: "dense 10", tool: "show conv", wanted: "a conv row", rows: []),
    .notAutoencoder(output: .flat(10), input: Shape(height: 28, width: 28, channels: 1)),
  ]

  @Test func everyCaseHasAnExample() {
    #expect(Set(Self.examples.map(Self.kind)) == Set(Kind.allCases))
  }

  @Test(arguments: examples) func problemThenHint(_ error: InspectionError) {
    #expect(studentFacingFlaws(error) == [])
  }
}
