import Foundation
import Repl
import Testing

/// The recovery offer's words and what `y` replays, with and without autosaved weights.
struct JournalRecoveryTests {
  static let commands = [
    "data bars", "input data", "conv 8 3 relu", "train epochs=5", "wait", "eval", "pause",
  ]

  @Test func withoutWeightsEverythingReplays() {
    let offer = JournalRecovery(
      leftOver: LeftOverJournal(
        path: "/s/journal-1-1.cnn", commands: Self.commands, checkpoint: nil, modified: Date()))
    #expect(offer.replayed == Self.commands)
    #expect(
      offer.offer == [
        "The last session ended without `quit`.",
        "Its 7 commands (last: `pause`) are kept in /s/journal-1-1.cnn.",
        "Recover it? y replays the commands, n starts afresh (and deletes the journal).",
      ])
  }

  @Test func withWeightsTheTrainingCommandsAreLeftOut() {
    let offer = JournalRecovery(
      leftOver: LeftOverJournal(
        path: "/s/journal-1-1.cnn", commands: Self.commands,
        checkpoint: "/s/journal-1-1.safetensors", modified: Date()))
    #expect(offer.replayed == ["data bars", "input data", "conv 8 3 relu", "eval"])
    #expect(offer.offer[2] == "Its weights were autosaved in /s/journal-1-1.safetensors;")
    #expect(offer.offer[3] == "recovering loads them instead of running 3 training commands again.")
  }

  @Test func answers() {
    #expect(JournalRecovery.answer(" Y ") == true)
    #expect(JournalRecovery.answer("yes") == true)
    #expect(JournalRecovery.answer("n") == false)
    #expect(JournalRecovery.answer("conv 8 3") == nil)
  }
}
