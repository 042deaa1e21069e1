import Foundation

/// What `recover` replays from a left-over journal, and the words that announce it: the same
/// in the full screen and in line mode.
///
/// Without autosaved weights the commands replay as they were typed, trainings included.
/// With them (`--autosave`), the training commands are left out and the weights are loaded
/// at the end instead, so a long training is not run again.
public struct JournalRecovery: Sendable {
  public let leftOver: LeftOverJournal

  public init(leftOver: LeftOverJournal) { self.leftOver = leftOver }

  /// Whether `line` is a command that drives a training (``TrainingRole``); such lines are
  /// skipped when autosaved weights replace the training.
  public static func drivesTraining(_ line: String) -> Bool {
    let words = CommandParser.words(of: line)
    guard !words.isEmpty, let (spec, _) = try? CommandParser.matchCommand(words) else { return false }
    return spec.training != .none
  }

  /// The name errors of a replayed line are reported under (`journal:3: error: …`).
  public static let scriptName = "journal"

  /// The journal's commands that replay (in order; errors are shown and the replay goes on).
  public var replayed: [String] {
    guard leftOver.checkpoint != nil else { return leftOver.commands }
    return leftOver.commands.filter { !Self.drivesTraining($0) }
  }

  /// How many training commands the autosaved weights replace.
  public var skipped: Int { leftOver.commands.count - replayed.count }

  /// The lines `recover` runs: ``replayed``, then `load model weights` when the autosaved
  /// weights are at `weights`.
  public func script(weights: String?) -> [String] {
    replayed + (weights.map { ["load model \($0)"] } ?? [])
  }

  /// The line `recover` prints before the replay.
  public var announcement: String {
    let count = replayed.count
    let name = (leftOver.path as NSString).lastPathComponent
    var line = "recovering \(count) command\(count == 1 ? "" : "s") from \(name)"
    if leftOver.checkpoint != nil { line += ", then its autosaved weights" }
    return line
  }

  /// What a start says when sessions ended without `quit` (`leftOvers` newest first, as
  /// ``CommandJournal/claimLeftOvers()`` gives them): a warning, then indented details, each
  /// line short enough for 80 columns. Empty when there are none. The folder is shown with
  /// `home` as `~`.
  public static func notice(
    _ leftOvers: [LeftOverJournal],
    home: String? = ProcessInfo.processInfo.environment["HOME"]
  ) -> [String] {
    guard let last = leftOvers.first else { return [] }
    let offers = leftOvers.map(JournalRecovery.init)
    var lines: [String]
    if offers.count == 1 {
      let count = last.commands.count
      lines = [
        "the last session ended without `quit`: `recover` replays its \(count) "
          + "command\(count == 1 ? "" : "s")"
      ]
      if let command = last.commands.last { lines.append("  last command: `\(command)`") }
      if last.checkpoint != nil {
        let skipped = offers[0].skipped
        lines.append(
          "  weights autosaved: `recover` loads them instead of \(skipped) training "
            + "command\(skipped == 1 ? "" : "s")")
      }
    } else {
      lines = [
        "\(offers.count) sessions ended without `quit`: `recover N` replays session N "
          + "(1 the last)"
      ]
      let listed = offers.count <= Self.listed + 1 ? offers.count : Self.listed
      for (index, offer) in offers.prefix(listed).enumerated() {
        lines.append("  \(index + 1)  " + offer.counted)
      }
      if listed < offers.count {
        lines.append("  and \(offers.count - listed) older ones, up to `recover \(offers.count)`")
      }
    }
    var folder = (last.path as NSString).deletingLastPathComponent
    if let home, !home.isEmpty, folder.hasPrefix(home + "/") {
      folder = "~" + folder.dropFirst(home.count)
    }
    let kept = offers.count == 1 ? "journal" : "journals"
    lines.append("  \(kept) kept in \(folder) until this session ends with `quit`")
    return lines
  }

  /// How many left-overs the notice lists one by one.
  static let listed = 5

  /// `3 commands, last `maxpool 2``, and whether weights were autosaved.
  private var counted: String {
    let count = leftOver.commands.count
    var text = "\(count) command\(count == 1 ? "" : "s")"
    if let command = leftOver.commands.last { text += ", last `\(command)`" }
    if leftOver.checkpoint != nil { text += ", weights autosaved" }
    return text
  }
}
