/// The journals a session may `recover` and the one it asked for.
///
/// The front end fills ``leftOvers`` at start (``CommandJournal/claimLeftOvers()``); the
/// `recover` command picks one with ``request(_:)``; the front end, which owns the loop, takes
/// it with ``takePending()`` after the command and replays it (``JournalRecovery``), one
/// command at a time, as if typed.
public struct SessionRecovery: Sendable {
  /// Journals of sessions that ended without `quit`, newest first.
  public var leftOvers: [LeftOverJournal] = []
  /// Paths of the journals this session has replayed already.
  public private(set) var recovered: Set<String> = []
  /// The journal `recover` asked for, until the front end takes it.
  public private(set) var pending: LeftOverJournal?

  public init(leftOvers: [LeftOverJournal] = []) { self.leftOvers = leftOvers }

  /// Picks journal `number` (1 = the newest; nil = the newest not replayed yet) for the front
  /// end to replay, or refuses saying why.
  public mutating func request(_ number: Int?) throws(CommandError) -> LeftOverJournal {
    guard !leftOvers.isEmpty else {
      throw .refused(
        command: "recover", problem: "there is nothing to recover",
        hint: "no earlier session ended without `quit` (a kill, a crash or a closed terminal)")
    }
    let index: Int
    if let number {
      guard leftOvers.indices.contains(number - 1) else {
        let count = leftOvers.count
        throw .refused(
          command: "recover",
          problem: "only \(count) session\(count == 1 ? "" : "s") ended without `quit`",
          hint: count == 1 ? "use `recover`" : "use `recover 1` (the last) to `recover \(count)`")
      }
      index = number - 1
    } else {
      guard let first = leftOvers.firstIndex(where: { !recovered.contains($0.path) }) else {
        throw .refused(
          command: "recover", problem: "every left-over journal was replayed already",
          hint: "`recover N` replays one again")
      }
      index = first
    }
    let journal = leftOvers[index]
    recovered.insert(journal.path)
    pending = journal
    return journal
  }

  /// The journal to replay now, once.
  public mutating func takePending() -> LeftOverJournal? {
    defer { pending = nil }
    return pending
  }
}
