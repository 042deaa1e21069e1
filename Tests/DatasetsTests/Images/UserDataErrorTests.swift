import Datasets
import TestSupport
import Testing

/// ``UserDataError`` as a ``StudentFacingError``: one example per case (and per wording), each
/// with a problem naming the folder or file, a hint and the line `problem; hint`.
@Suite struct UserDataErrorTests {
  /// The cases by name; ``kind(of:)`` switches over them all, so a new case does not compile
  /// until it is named here, and then fails ``everyCaseHasAnExample`` until it has one.
  enum Kind: CaseIterable {
    case noClassFolders, noImages, tooManyClasses, tooLarge, noRows, shapeRequired, shapeMismatch
  }

  static func kind(of error: UserDataError) -> Kind {
    switch error {
    case .noClassFolders: .noClassFolders
    case .noImages: .noImages
    case .tooManyClasses: .tooManyClasses
    case .tooLarge: .tooLarge
    case .noRows: .noRows
    case .shapeRequired: .shapeRequired
    case .shapeMismatch: .shapeMismatch
    }
  }

  static let examples: [UserDataError] = [
    .noClassFolders(folder: "pets"),
    .noImages(folder: "pets", skipped: 2, firstReason: "cats/a.png: not a PNG image"),
    .noImages(folder: "pets", skipped: 0, firstReason: nil),
    .tooManyClasses(source: "pets", found: 300, maximum: UserDataError.maxClasses),
    .tooLarge(source: "pets", bytes: 2_500_000_000, maximum: 2_000_000_000),
    .noRows(file: "digits.csv", skipped: 3, firstReason: "line 2: 3 columns, expected 785"),
    .noRows(file: "digits.csv", skipped: 0, firstReason: nil),
    .shapeRequired(file: "digits.csv", pixelColumns: 3_072),
    .shapeMismatch(file: "digits.csv", pixelColumns: 784, shape: "32x32x3"),
  ]

  @Test func everyCaseHasAnExample() {
    #expect(Set(Self.examples.map(Self.kind)) == Set(Kind.allCases))
  }

  @Test(arguments: examples) func problemThenHint(_ error: UserDataError) {
    #expect(studentFacingFlaws(error) == [])
  }

  @Test func theFirstSkippedFileIsPartOfTheProblem() {
    #expect(
      Self.examples[1].description
        == "pets: no image could be read (2 files skipped, e.g. cats/a.png: not a PNG image); "
        + "use PNG, PGM or PPM files")
  }
}
