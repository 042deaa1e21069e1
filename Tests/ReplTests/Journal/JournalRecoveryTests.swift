import Foundation
import Repl
import Testing

/// What `recover` replays, with and without autosaved weights, and what a start says about
/// sessions that ended without `quit` (in lines that fit 80 columns).
struct JournalRecoveryTests {
  static let commands = [
    "data bars", "input data", "conv 8 3 relu", "train epochs=5", "wait", "eval", "pause",
  ]

  static func leftOver(_ name: String, _ commands: [String], weights: Bool = false)
    -> LeftOverJournal
  {
    LeftOverJournal(
      path: "/s/\(name).cnn", commands: commands,
      checkpoint: weights ? "/s/\(name).safetensors" : nil, modified: Date())
  }

  @Test func withoutWeightsEverythingReplays() {
    let recovery = JournalRecovery(leftOver: Self.leftOver("journal-1-1", Self.commands))
    #expect(recovery.replayed == Self.commands)
    #expect(recovery.script(weights: nil) == Self.commands)
    #expect(recovery.announcement == "recovering 7 commands from journal-1-1.cnn")
    #expect(
      JournalRecovery.notice([recovery.leftOver], home: nil) == [
        "the last session ended without `quit`: `recover` replays its 7 commands",
        "  last command: `pause`",
        "  journal kept in /s until this session ends with `quit`",
      ])
  }

  @Test func withWeightsTheTrainingCommandsAreLeftOutAndTheWeightsLoad() {
    let recovery = JournalRecovery(
      leftOver: Self.leftOver("journal-1-1", Self.commands, weights: true))
    #expect(recovery.replayed == ["data bars", "input data", "conv 8 3 relu", "eval"])
    #expect(recovery.skipped == 3)
    #expect(
      recovery.script(weights: "/s/journal-2-2.safetensors").last
        == "load model /s/journal-2-2.safetensors")
    #expect(
      recovery.announcement
        == "recovering 4 commands from journal-1-1.cnn, then its autosaved weights")
    let notice = JournalRecovery.notice([recovery.leftOver], home: nil)
    #expect(notice[2] == "  weights autosaved: `recover` loads them instead of 3 training commands")
  }

  @Test func severalLeftOversAreAllNamed() {
    let journals = [
      Self.leftOver("journal-5-5", ["seed 5"]),
      Self.leftOver("journal-4-4", ["input 28x28x1", "conv 4 3"], weights: true),
      Self.leftOver("journal-3-3", ["seed 3"]),
    ]
    #expect(
      JournalRecovery.notice(journals, home: nil) == [
        "3 sessions ended without `quit`: `recover N` replays session N (1 the last)",
        "  1  1 command, last `seed 5`",
        "  2  2 commands, last `conv 4 3`, weights autosaved",
        "  3  1 command, last `seed 3`",
        "  journals kept in /s until this session ends with `quit`",
      ])
    let six = (1...6).map { Self.leftOver("journal-\($0)-\($0)", ["seed \($0)"]) }
    #expect(JournalRecovery.notice(six, home: nil).count == 8, "six are listed one by one")
    let seven = (1...7).map { Self.leftOver("journal-\($0)-\($0)", ["seed \($0)"]) }
    let lines = JournalRecovery.notice(seven, home: nil)
    #expect(lines.count == 8)
    #expect(lines[6] == "  and 2 older ones, up to `recover 7`")
    #expect(JournalRecovery.notice([]).isEmpty)
  }

  @Test func theFolderIsShownFromHome() {
    let journal = LeftOverJournal(
      path: "/h/.cnnrepl/journal-1-1.cnn", commands: ["seed 1"], checkpoint: nil,
      modified: Date())
    #expect(
      JournalRecovery.notice([journal], home: "/h").last
        == "  journal kept in ~/.cnnrepl until this session ends with `quit`")
    #expect(
      JournalRecovery.notice([journal], home: "/hx").last
        == "  journal kept in /h/.cnnrepl until this session ends with `quit`")
  }
}
