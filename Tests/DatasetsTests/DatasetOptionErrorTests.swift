import Datasets
import TestSupport
import Testing

/// ``DatasetOptionError`` as a ``StudentFacingError``: one example per case (and per wording),
/// each with a problem, a hint and the line `problem; hint` the REPL has always printed.
@Suite struct DatasetOptionErrorTests {
  /// The cases by name; ``kind(of:)`` switches over them all, so a new case does not compile
  /// until it is named here, and then fails ``everyCaseHasAnExample`` until it has one.
  enum Kind: CaseIterable { case outOfRange, folderRequired, notDownloadable }

  static func kind(of error: DatasetOptionError) -> Kind {
    switch error {
    case .outOfRange: .outOfRange
    case .folderRequired: .folderRequired
    case .notDownloadable: .notDownloadable
    }
  }

  static let examples: [DatasetOptionError] = [
    .outOfRange(option: "size", value: "4", allowed: "8…256"),
    .folderRequired(dataset: "fashion"),
    .folderRequired(dataset: "cifar10"),
    .notDownloadable(dataset: "cifar10"),
  ]

  @Test func everyCaseHasAnExample() {
    #expect(Set(Self.examples.map(Self.kind)) == Set(Kind.allCases))
  }

  @Test(arguments: examples) func problemThenHint(_ error: DatasetOptionError) {
    #expect(studentFacingFlaws(error) == [])
  }

  @Test func theFolderHintOffersADownloadWhereThereIsOne() {
    #expect(
      DatasetOptionError.folderRequired(dataset: "fashion").description
        == "fashion needs its files; give their folder with path=DIR or --data-dir DIR, "
        + "or fetch them with `download fashion`")
    #expect(
      DatasetOptionError.folderRequired(dataset: "cifar10").hint
        == "give their folder with path=DIR or --data-dir DIR")
  }
}
