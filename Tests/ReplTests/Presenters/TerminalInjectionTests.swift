import Foundation
import Rendering
import Repl
import ReplTestSupport
import Testing

/// Escape sequences from outside (script comments, mistyped words, file names, CSV fields and
/// class names) are shown, never obeyed, on every plain path: `run`, `--plain` and errors.
@Suite struct TerminalInjectionTests {
  static let attack = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m"

  @Test func controlsAreShownInCaretNotation() {
    #expect(TerminalText.line("a\u{1B}[2Jb") == "a^[[2Jb")
    #expect(TerminalText.line("bell\u{07}\r\u{7F}\u{0}") == "bell^G^M^?^@")
    #expect(TerminalText.line("c1 \u{9B}31m") == "c1 <U+009B>31m")
    #expect(TerminalText.line("tab\tstays, é and 图 too") == "tab\tstays, é and 图 too")
    #expect(TerminalText.line("two\nlines") == "two^Jlines")
    #expect(TerminalText.multiline("two\nlines\u{1B}") == "two\nlines^[")
  }

  /// Only our own colour codes may reach the terminal: `ESC[31m` and `ESC[0m` around `error:`.
  private func onlyOurEscapes(_ text: String) -> Bool {
    var rest = Substring(text)
    while let escape = rest.firstIndex(of: "\u{1B}") {
      let after = rest[rest.index(after: escape)...]
      guard after.hasPrefix("[31merror:") || after.hasPrefix("[0m") else { return false }
      rest = after
    }
    return !text.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x9B }
  }

  @Test(arguments: [["run"], ["--plain"], ["--plain", "--color", "always"]])
  func scriptsFileNamesAndTyposCannotDriveTheTerminal(mode: [String]) throws {
    try #require(Executable.available, "the cnnrepl binary is built")
    let folder = Paths.temporaryFolder("cnnrepl-injection")
    let csv = folder.appendingPathComponent("pixels.csv")
    try Data("label,p0,p1,p2,p3\n\(Self.attack),1,2,3,4\n1,0,0,0,0\n".utf8).write(to: csv)
    let script = [
      "# \(Self.attack) in a comment",
      "\(Self.attack)covn 3",
      "input 2x2x1",
      "save \(Self.attack).cnn",
      "run \(Self.attack)missing.cnn",
      "data csv \(csv.path) shape=2x2x1",
      "data folder \(folder.path)/\(Self.attack)",
    ].joined(separator: "\n") + "\n"
    let file = folder.appendingPathComponent("attack.cnn")
    try Data(script.utf8).write(to: file)
    let result =
      mode == ["run"]
      ? try Executable.run(["run", "--keep-going", file.path], in: folder, mergeErrors: true)
      : try Executable.run(mode, input: script + "quit\n", in: folder, mergeErrors: true)
    #expect(result.output.contains("^[]0;pwned^G^[[2J<U+009B>31m"), "\(result.output)")
    #expect(onlyOurEscapes(result.output), "\(result.output.debugDescription)")
    #expect(result.output.split(separator: "\n").count > 5)
  }
}
