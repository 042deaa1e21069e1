import Datasets
import TestSupport
import Testing

/// ``FileReadError`` as a ``StudentFacingError``: the problem names the file, the hint is what
/// the REPL's refusal has always said (for a file too large, its limit's advice); ``reason`` is
/// the problem without the name, for errors that put the name first.
@Suite struct FileReadErrorTests {
  /// The cases by name; ``kind(of:)`` switches over them all, so a new case does not compile
  /// until it is named here, and then fails ``everyCaseHasAnExample`` until it has one.
  enum Kind: CaseIterable { case missing, folder, notRegularFile, unreadable, tooLarge, changed }

  static func kind(of error: FileReadError) -> Kind {
    switch error {
    case .missing: .missing
    case .folder: .folder
    case .notRegularFile: .notRegularFile
    case .unreadable: .unreadable
    case .tooLarge: .tooLarge
    case .changed: .changed
    }
  }

  static let examples: [FileReadError] = [
    .missing(path: "a.cnn"),
    .folder(path: "scripts"),
    .notRegularFile(path: "/dev/zero"),
    .unreadable(path: "a.cnn", reason: "Permission denied"),
    .tooLarge(path: "x.idx", bytes: 4_831_838_208, limit: .dataFile),
    .tooLarge(
      path: "x.bin", bytes: 9 << 20,
      limit: FileSizeLimit(kind: "a test file", maximumBytes: 1 << 20, advice: "cut it down")),
    .changed(path: "x.idx"),
  ]

  @Test func everyCaseHasAnExample() {
    #expect(Set(Self.examples.map(Self.kind)) == Set(Kind.allCases))
  }

  @Test(arguments: examples) func problemThenHint(_ error: FileReadError) {
    #expect(studentFacingFlaws(error) == [])
    #expect(error.problem.contains("`\(error.path)`"))
  }

  @Test func theLimitGivesTheHintOfAFileTooLarge() {
    #expect(Self.examples[4].hint == "check that this is the right file")
    #expect(Self.examples[5].hint == "cut it down")
    #expect(Self.examples[5].problem == "`x.bin` is 9 MiB, more than the 1 MiB a test file may be")
    #expect(Self.examples[0].description == "no file `a.cnn`; check the name and the folder")
  }
}
