import Datasets
import Foundation
import TestSupport
import Testing

/// ``ImageFileError`` as a ``StudentFacingError``: the problem is the short reason a skipped
/// file is listed with (`cats/x.png: not a PNG image`), the hint what to do about the file.
@Suite struct ImageFileErrorTests {
  /// The cases by name; ``kind(of:)`` switches over them all, so a new case does not compile
  /// until it is named here, and then fails ``everyCaseHasAnExample`` until it has one.
  enum Kind: CaseIterable {
    case empty, unreadable, unknownFormat, badPNG, badHeader, truncated, badSample, tooLarge
    case fileTooLarge
  }

  static func kind(of error: ImageFileError) -> Kind {
    switch error {
    case .empty: .empty
    case .unreadable: .unreadable
    case .unknownFormat: .unknownFormat
    case .badPNG: .badPNG
    case .badHeader: .badHeader
    case .truncated: .truncated
    case .badSample: .badSample
    case .tooLarge: .tooLarge
    case .fileTooLarge: .fileTooLarge
    }
  }

  static let examples: [ImageFileError] = [
    .empty,
    .unreadable(reason: "Permission denied"),
    .unknownFormat(expected: "PNG"),
    .unknownFormat(expected: nil),
    .badPNG(message: "IDAT: CRC error"),
    .badHeader(format: "PGM", reason: "maxval missing"),
    .truncated(format: "PPM", samples: 10, expected: 12),
    .badSample(format: "PGM", value: 300, maxval: 255),
    .badSample(format: "PGM", value: 0, maxval: 70_000),
    .tooLarge(width: 20_000, height: 20_000),
    .fileTooLarge(bytes: 600 << 20, limit: .picture),
  ]

  @Test func everyCaseHasAnExample() {
    #expect(Set(Self.examples.map(Self.kind)) == Set(Kind.allCases))
  }

  @Test(arguments: examples) func problemThenHint(_ error: ImageFileError) {
    #expect(studentFacingFlaws(error) == [])
  }

  /// A folder lists a skipped file with the problem alone, as it always has.
  @Test func aSkippedFileIsListedWithTheProblem() throws {
    try Fixtures.withScratchFolder { folder in
      let cats = folder.appendingPathComponent("cats", isDirectory: true)
      try FileManager.default.createDirectory(at: cats, withIntermediateDirectories: true)
      try Data("hello".utf8).write(to: cats.appendingPathComponent("x.png"))
      #expect(
        throws: UserDataError.noImages(
          folder: folder.path, skipped: 1, firstReason: "cats/x.png: not a PNG image")
      ) {
        try ImageFolder(folder).load()
      }
    }
  }
}
