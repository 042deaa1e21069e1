import Datasets
import TestSupport
import Testing

@Suite struct DataFileErrorTests {
  /// The cases by name; ``kind(of:)`` switches over them all, so a new case does not compile
  /// until it is named here, and then fails ``everyCaseHasAnExample`` until it has one.
  enum Kind: CaseIterable {
    case missingFolder, missing, unreadable, tooShort, badMagic, wrongDataType
    case wrongDimensionCount, emptyImages, empty, countMismatch, trailingBytes
    case imageLabelMismatch, labelOutOfRange, shapeMismatch, truncatedGzip, corruptGzip
    case recordSize, classNameCount, tooLarge
  }

  static func kind(of error: DataFileError) -> Kind {
    switch error {
    case .missingFolder: .missingFolder
    case .missing: .missing
    case .unreadable: .unreadable
    case .tooShort: .tooShort
    case .badMagic: .badMagic
    case .wrongDataType: .wrongDataType
    case .wrongDimensionCount: .wrongDimensionCount
    case .emptyImages: .emptyImages
    case .empty: .empty
    case .countMismatch: .countMismatch
    case .trailingBytes: .trailingBytes
    case .imageLabelMismatch: .imageLabelMismatch
    case .labelOutOfRange: .labelOutOfRange
    case .shapeMismatch: .shapeMismatch
    case .truncatedGzip: .truncatedGzip
    case .corruptGzip: .corruptGzip
    case .recordSize: .recordSize
    case .classNameCount: .classNameCount
    case .tooLarge: .tooLarge
    }
  }

  /// One per case (and per wording: one dimension or several, image or label file).
  static let examples: [DataFileError] = [
    .missingFolder(path: "/d"), .missing(file: "f", folder: "/d"),
    .unreadable(file: "f", reason: "r"), .tooShort(file: "f", bytes: 3, needed: 16),
    .badMagic(file: "f", magic: 0x1F8B_0800), .wrongDataType(file: "f", code: 0x0D),
    .wrongDimensionCount(file: "f", found: 1, expected: 3),
    .wrongDimensionCount(file: "f", found: 3, expected: 1),
    .emptyImages(file: "f", height: 0, width: 28), .empty(file: "f"),
    .countMismatch(file: "f", header: 2, actual: 1, noun: "labels"),
    .trailingBytes(file: "f", count: 1),
    .imageLabelMismatch(images: "f", imageCount: 1, labels: "g", labelCount: 2),
    .labelOutOfRange(file: "f", index: 0, label: 12, classCount: 10),
    .shapeMismatch(file: "f", found: "28x28x1", expected: "32x32x1"),
    .truncatedGzip(file: "f"), .corruptGzip(file: "f", reason: "invalid"),
    .recordSize(file: "f", bytes: 3_074, recordSize: 3_073),
    .classNameCount(file: "f", found: 7, expected: 10),
    .tooLarge(file: "f", bytes: 3 << 30, limit: .dataFile),
  ]

  @Test func everyCaseHasAnExample() {
    #expect(Set(Self.examples.map(Self.kind)) == Set(Kind.allCases))
  }

  /// The file's name, what is wrong, then the hint: the line the REPL has always printed.
  @Test(arguments: examples) func problemThenHint(_ error: DataFileError) {
    #expect(studentFacingFlaws(error) == [])
    #expect(error.problem.hasPrefix("f: ") || error.problem.hasPrefix("/d: "))
  }

  @Test func countMismatchReadsLikeTheIssue() {
    let error = DataFileError.countMismatch(
      file: "train-images-idx3-ubyte.gz", header: 60_000, actual: 24_345, noun: "images")
    #expect(
      error.description.hasPrefix(
        "train-images-idx3-ubyte.gz: header says 60,000 images but the file holds 24,345; "))
  }

  @Test func everyMessageIsOneLineNamingTheFile() {
    let errors = Self.examples
    for error in errors {
      #expect(!error.description.contains("\n"))
      #expect(error.description.contains("; "), "no hint in: \(error)")
      #expect(error.description.hasPrefix("f") || error.description.hasPrefix("/d"))
    }
    #expect(
      DataFileError.badMagic(file: "x", magic: 0x1F8B_0800).description.contains("0x1F8B0800"))
  }
}
