import Datasets
import TestSupport
import Testing

/// ``DownloadError`` as a ``StudentFacingError``: one example per case, each with a problem
/// naming the file or address, a hint and the line `problem; hint`.
@Suite struct DownloadErrorTests {
  /// The cases by name; ``kind(of:)`` switches over them all, so a new case does not compile
  /// until it is named here, and then fails ``everyCaseHasAnExample`` until it has one.
  enum Kind: CaseIterable {
    case badURL, transport, httpStatus, checksumMismatch, cannotWrite, tooLarge
  }

  static func kind(of error: DownloadError) -> Kind {
    switch error {
    case .badURL: .badURL
    case .transport: .transport
    case .httpStatus: .httpStatus
    case .checksumMismatch: .checksumMismatch
    case .cannotWrite: .cannotWrite
    case .tooLarge: .tooLarge
    }
  }

  static let url = "http://127.0.0.1:8000/train-images-idx3-ubyte.gz"

  static let examples: [DownloadError] = [
    .badURL("not a url/train-images-idx3-ubyte.gz"),
    .transport(url: url, reason: "the request timed out"),
    .httpStatus(url: url, status: 404),
    .checksumMismatch(
      file: "train-images-idx3-ubyte.gz", expected: "f68b3c2dcbeaaa9fbdd348bbdeb94873",
      actual: "d41d8cd98f00b204e9800998ecf8427e"),
    .cannotWrite(path: "/data/mnist", reason: "Permission denied"),
    .tooLarge(url: url, limit: 64 << 20),
  ]

  @Test func everyCaseHasAnExample() {
    #expect(Set(Self.examples.map(Self.kind)) == Set(Kind.allCases))
  }

  @Test(arguments: examples) func problemThenHint(_ error: DownloadError) {
    #expect(studentFacingFlaws(error) == [])
  }

  @Test func aLineKeepsItsWording() {
    #expect(
      DownloadError.tooLarge(url: Self.url, limit: 64 << 20).description
        == "\(Self.url): the server sends more than the 64 MiB this file may be; "
        + "stopped, nothing was kept — check the base URL")
  }
}
