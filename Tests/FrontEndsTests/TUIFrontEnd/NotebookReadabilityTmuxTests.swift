import Foundation
import ReplTestSupport
import Testing

/// What a class sees on the full screen, at every size from 40x12 to 160x50, with and without
/// colour: for each command below, the first line of its output is on screen when the cell
/// lands (no key pressed), paging reaches every line of it, and no screen line holds the
/// wrapped tail of a table row. The oracle is the same commands' transcript from `cnnrepl run`.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct NotebookReadabilityTmuxTests {
  static let setup = ["data mnist", "preset keras-mnist"]
  static let commands = ["summary", "eval", "show confusion", "help conv", "predict 0", "show fmap 1"]

  /// Each command's text output as `cnnrepl run` prints it. Picture commands keep only their
  /// text (the bars of `predict`, the `showing …` line of `show fmap`): their picture goes to
  /// the picture pane, which the test checks by its title.
  static let expected: [String: [String]] = {
    let folder = Paths.temporaryFolder("cnnrepl-readability")
    let script = folder.appendingPathComponent("lecture.cnn")
    try? (setup + commands).joined(separator: "\n").write(
      to: script, atomically: true, encoding: .utf8)
    let output = (try? Executable.run(["run", script.path]))?.output ?? ""
    var sections: [String: [String]] = [:]
    var current: String?
    for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("> ") {
        current = String(line.dropFirst(2))
        sections[current ?? ""] = []
      } else if let current, !line.trimmingCharacters(in: .whitespaces).isEmpty {
        sections[current, default: []].append(trimmedRight(line))
      }
    }
    sections["predict 0"] = sections["predict 0"]?.filter {
      $0.first?.isNumber == true && $0.hasSuffix("%") || $0.contains("%  <-")
    }
    sections["show fmap 1"] = sections["show fmap 1"]?.filter { $0.hasPrefix("showing") }
    return sections
  }()

  static func trimmedRight(_ text: some StringProtocol) -> String {
    String(String(text).reversed().drop { $0 == " " }.reversed())
  }

  /// The notebook's columns at `width`: all of them when stacked, the left 80+ beside the side
  /// column from 120 columns on.
  static func notebookWidth(_ width: Int) -> Int {
    width >= 120 ? width - min(width - 80, max(40, width * 2 / 5)) : width
  }

  /// The notebook part of each screen line, right-trimmed.
  static func notebookLines(_ screen: String, width: Int) -> [String] {
    screen.split(separator: "\n", omittingEmptySubsequences: false).map {
      trimmedRight(String($0.prefix(notebookWidth(width))))
    }
  }

  /// Runs of blanks as one (a table narrowed to fit keeps its words, not its padding).
  static func collapsed(_ line: String) -> String {
    line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }

  /// Whether screen line `shown` shows the start of `line`: all of it, its start cut with `…`,
  /// or (prose) its first words; column padding may be narrower on screen.
  static func shows(_ shown: String, _ line: String) -> Bool {
    if shown == line || words(shown) == words(line) && !words(line).isEmpty { return true }
    let full = collapsed(line)
    let cut = collapsed(shown.hasSuffix("…") ? String(shown.dropLast()) : shown)
    return cut.count >= min(full.count, 8) && full.hasPrefix(cut)
      && (shown.hasSuffix("…") || full.dropFirst(cut.count).first == " ")
  }

  /// Whether the end of `line` (its last word) is on one of the `shown` lines with the words
  /// before it, as Alt-Right shows a cut line's right part.
  static func showsEnd(of line: String, in shown: [String]) -> Bool {
    let tail = Array(words(line).suffix(2))
    let screen = words(shown.map { $0.hasSuffix("…") ? String($0.dropLast()) : $0 }.joined(separator: " "))
    guard !tail.isEmpty, screen.count >= tail.count else { return tail.isEmpty }
    return (0...(screen.count - tail.count)).contains { Array(screen[$0..<($0 + tail.count)]) == tail }
  }

  /// The words of a line that hold a letter or a digit (a bar drawn in `#` in the transcript
  /// is drawn in blocks on screen).
  static func words(_ line: String) -> [String] {
    line.split(separator: " ").map(String.init).filter { $0.contains { $0.isLetter || $0.isNumber } }
  }

  /// A line laid out in columns (two spaces inside it after its indentation).
  static func isTableRow(_ line: String) -> Bool { line.drop { $0 == " " }.contains("  ") }

  /// Whether `shown` is the tail of a table row that wrapped: a piece from inside a row that
  /// no expected line starts with.
  static func isWrappedTail(_ shown: String, of lines: [String]) -> Bool {
    let piece = collapsed(shown.hasSuffix("…") ? String(shown.dropLast()) : shown)
    guard piece.count >= 6, !shown.hasPrefix("…") else { return false }
    let starts = lines.contains { collapsed($0).hasPrefix(piece) }
    return !starts && lines.contains { isTableRow($0) && collapsed($0).dropFirst(1).contains(piece) }
  }

  @Test(arguments: [(40, 12), (80, 24), (100, 30), (120, 40), (160, 50)], ["never", "always"])
  func everyOutputReadsAtEverySize(size: (Int, Int), color: String) throws {
    let (width, height) = size
    let all = Self.commands.flatMap { Self.expected[$0] ?? [] }
    try #require(
      Self.commands.allSatisfy { !(Self.expected[$0] ?? []).isEmpty },
      "the transcript oracle has every command's output")
    let t = try TUITerminal(["--color", color])
    t.resize(width: width, height: height)
    #expect(t.waitForStart())
    for (n, line) in Self.setup.enumerated() {
      try t.enter(line)
      #expect(t.wait(seconds: 30) { $0.contains("[\(n + 1)] \(line)") })
    }
    #expect(t.wait(seconds: 30) { $0.contains("104,202 params") })
    for (index, command) in Self.commands.enumerated() {
      let number = Self.setup.count + index + 1
      let lines = try #require(Self.expected[command])
      try t.enter(command)
      // The cell's first output line is right under its header (a picture command puts one
      // `[picture: …]` line first), with no key pressed.
      let landed = t.wait(seconds: 30) { screen in
        let shown = Self.notebookLines(screen, width: width)
        guard let header = shown.firstIndex(of: "[\(number)] \(command)") else { return false }
        let cell = shown[(header + 1)...].prefix { !$0.hasPrefix("[") || $0.hasPrefix("[picture") }
        return cell.prefix(2).contains { Self.shows($0, lines[0]) }
      }
      #expect(landed, "\(width)x\(height) \(color): `\(command)` lands with its first line: \(t.screen)")
      // Paging is read with the model pane hidden (F5), so its rows, which have the same words
      // as `summary`'s, are never taken for the notebook's.
      let modelShown = t.screen.hasPrefix("── model")
      if modelShown {
        try t.press("F5")
        t.wait(seconds: 60) { !$0.hasPrefix("── model") }
      }
      var seen: [String] = []
      var sideways: [String] = []
      for page in 0..<30 {
        if page > 0 {
          let before = t.screen
          try t.press("NPage")
          // "more lines" was shown, so the page changes: wait for it however loaded the
          // machine is (a stale read would let two pages pass as one).
          t.wait(seconds: 60) { $0 != before }
        }
        let shown = Self.notebookLines(t.screen, width: width)
        seen += shown
        // A line cut with … : Alt-Right shows its right part, Alt-Left comes back.
        if shown.contains(where: { $0.hasSuffix("…") }) {
          var shifts = 0
          while shifts < 6, Self.notebookLines(t.screen, width: width).contains(where: { $0.hasSuffix("…") }) {
            let before = t.screen
            try t.press("M-Right")
            shifts += 1
            guard t.wait(seconds: 5, until: { $0 != before }) else { break }
            sideways += Self.notebookLines(t.screen, width: width)
          }
          for _ in 0..<shifts { try t.press("M-Left") }
          t.wait(seconds: 5) { Self.notebookLines($0, width: width) == shown }
        }
        if !t.screen.contains("more lines") { break }
      }
      for line in lines {
        #expect(
          seen.contains { Self.shows($0, line) },
          "\(width)x\(height) \(color): `\(command)` line reachable: \(line)")
        #expect(
          Self.showsEnd(of: line, in: seen + sideways),
          "\(width)x\(height) \(color): `\(command)` line's end reachable: \(line)")
      }
      if modelShown {
        try t.press("F5")
        t.wait(seconds: 60) { $0.hasPrefix("── model") }
      }
      for shown in seen where Self.isWrappedTail(shown, of: all) {
        Issue.record("\(width)x\(height) \(color): a wrapped table row: \(shown)")
      }
      if command.hasPrefix("show fmap") || command.hasPrefix("predict") {
        #expect(t.screen.contains("feature maps (F2)"), "the picture pane is up")
      }
    }
    let escapes = t.screenWithEscapes.contains("\u{1B}[")
    #expect(escapes == (color == "always"), "colour \(color)")
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
  }
}
