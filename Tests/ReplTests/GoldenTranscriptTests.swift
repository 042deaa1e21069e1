import Foundation
import Repl
import ReplTestSupport
import Testing

/// Golden transcripts of the sessions gallery.
///
/// Each `sessions/NAME.cnn` runs in a fresh batch-mode session (seed 0,
/// one thread) and its printed text must equal `sessions/expected/NAME.txt` byte for byte.
/// Re-record with `CNNREPL_RECORD=1 swift test --filter GoldenTranscriptTests`.
@Suite struct GoldenTranscriptTests {
  /// Scripts that need nothing beyond the command language.
  static let languageOnly: Set<String> = ["tour-of-the-language"]

  /// Every `sessions/*.cnn` (``Gallery/scripts``).
  static var scripts: [String] { Gallery.scripts }

  static var recording: Bool { ProcessInfo.processInfo.environment["CNNREPL_RECORD"] == "1" }

  /// The transcript of `sessions/NAME.cnn`, errors inline, as `cnnrepl run --keep-going` prints it.
  static func transcript(of name: String) throws -> String {
    let text = try String(
      contentsOf: Paths.sessions.appendingPathComponent("\(name).cnn"), encoding: .utf8)
    let presenter = RecordingPresenter()
    let session = Session(options: SessionOptions(mode: .batch), presenter: presenter)
    session.chartStyle = .ascii  // as when standard output is no terminal
    session.runScript(
      text: text, name: "\(name).cnn", directory: Paths.sessions.path, echo: true, keepGoing: true)
    return presenter.text
  }

  /// Compares (or records) one script; a missing golden fails unless recording.
  static func verify(_ name: String) throws {
    let expected = Paths.sessions.appendingPathComponent("expected/\(name).txt")
    let actual = try transcript(of: name)
    if recording {
      try FileManager.default.createDirectory(
        at: expected.deletingLastPathComponent(), withIntermediateDirectories: true)
      try actual.write(to: expected, atomically: true, encoding: .utf8)
      print("recorded \(expected.path)")
      return
    }
    guard let golden = try? String(contentsOf: expected, encoding: .utf8) else {
      Issue.record(
        "no golden transcript for sessions/\(name).cnn; record it with CNNREPL_RECORD=1")
      return
    }
    #expect(
      actual == golden,
      "sessions/\(name).cnn differs from expected/\(name).txt; diff, then re-record if intended")
    if actual != golden {
      let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let g = golden.split(separator: "\n", omittingEmptySubsequences: false)
      if let line = zip(a, g).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
        print(
          "first difference at line \(line.offset + 1):\n  got:      \(line.element.0)\n  expected: \(line.element.1)"
        )
      }
    }
  }

  @Test(arguments: scripts)
  func gallery(name: String) throws {
    try Self.verify(name)
  }

  /// The gallery is there: a suite that found no script would pass while checking nothing.
  @Test func theGalleryIsNotEmpty() {
    #expect(Self.scripts.count >= 10, "sessions/*.cnn: \(Self.scripts)")
  }

  /// Every gallery script (the tour makes mistakes on purpose) passes `cnnrepl check`.
  @Test(
    arguments: scripts.filter { !languageOnly.contains($0) })
  func galleryShapeChecks(name: String) throws {
    let text = try String(
      contentsOf: Paths.sessions.appendingPathComponent("\(name).cnn"), encoding: .utf8)
    let presenter = RecordingPresenter()
    let session = Session(options: SessionOptions(mode: .check), presenter: presenter)
    let result = session.runScript(
      text: text, name: "\(name).cnn", directory: Paths.sessions.path, echo: false, keepGoing: true)
    #expect(presenter.errors.isEmpty, "\(presenter.errors)")
    #expect(result.succeeded)
  }

  /// The harness itself, on a script that works in every build: it must find its golden file.
  @Test func harnessRunsTheLanguageTour() throws {
    try Self.verify("tour-of-the-language")
    #expect(
      try Self.transcript(of: "tour-of-the-language") == Self.transcript(of: "tour-of-the-language")
    )
  }
}
