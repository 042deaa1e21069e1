/// The recovery offer for a left-over journal and what answering `y` replays: the same words
/// in the full screen and in line mode.
///
/// Without autosaved weights the commands replay as they were typed, trainings included.
/// With them (`--autosave`), the training commands are left out and the weights are loaded
/// at the end instead, so a long training is not run again.
public struct JournalRecovery: Sendable {
  public let leftOver: LeftOverJournal

  public init(leftOver: LeftOverJournal) { self.leftOver = leftOver }

  /// Commands that drive a training; skipped when autosaved weights replace it.
  public static let trainingCommands: Set<String> = ["train", "resume", "pause", "stop", "wait"]

  /// The question's prompt.
  public static let prompt = "recover? [y/n] "

  /// The commands `y` replays (in order; errors are shown and the replay goes on).
  public var replayed: [String] {
    guard leftOver.checkpoint != nil else { return leftOver.commands }
    return leftOver.commands.filter { line in
      let first = CommandParser.words(of: line).first?.lowercased() ?? ""
      return !Self.trainingCommands.contains(first)
    }
  }

  /// What the offer says, one line each (the first is a warning, the last the question).
  public var offer: [String] {
    let count = leftOver.commands.count
    let last = leftOver.commands.last.map { " (last: `\($0)`)" } ?? ""
    var lines = [
      "The last session ended without `quit`.",
      "Its \(count) command\(count == 1 ? "" : "s")\(last) are kept in \(leftOver.path).",
    ]
    if let checkpoint = leftOver.checkpoint {
      let skipped = leftOver.commands.count - replayed.count
      lines.append("Its weights were autosaved in \(checkpoint);")
      lines.append(
        "recovering loads them instead of running \(skipped) training command"
          + "\(skipped == 1 ? "" : "s") again.")
    }
    lines.append("Recover it? y replays the commands, n starts afresh (and deletes the journal).")
    return lines
  }

  /// The answer in `line`: true for y/yes, false for n/no, nil for anything else.
  public static func answer(_ line: String) -> Bool? {
    switch line.trimmingCharacters(in: .whitespaces).lowercased() {
    case "y", "yes": return true
    case "n", "no": return false
    default: return nil
    }
  }
}
