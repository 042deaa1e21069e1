import CReadline
import Core
import Dispatch
import Foundation
import Rendering
import TUI

/// Runs a ``Session`` in the full-screen UI: the notebook, model, training and visual panes.
///
/// Threads (see DECISIONS.md "events, not callbacks"):
/// - the UI thread (``TUIApp``) owns ncurses and readline and only draws what is pushed; its
///   callbacks return at once: a finished line is handed to the session queue, the preview is
///   computed there with a short time limit, completion is pure;
/// - the session queue runs every command (`Session.execute`), so a slow command never freezes
///   the screen, and `train` returns at once (interactive mode trains in the background);
/// - ``TrainingMonitor`` drains the trainer's events on its own queue ~15 times a second.
///
/// Every command is journaled before it runs (``CommandJournal``, through
/// ``Session/willExecute``); a clean quit removes the journal, and the next start offers to
/// replay one left behind by a process that is gone (``JournalRecovery``).
public final class TUIFrontEnd: @unchecked Sendable {
  /// Whether the full screen can work here: stdin and stdout are terminals and `TERM` names
  /// one that can move the cursor (not empty or `dumb`; those get line mode).
  public static var canRun: Bool {
    let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
    return TUIApp.canRun && !term.isEmpty && term != "dumb"
  }

  /// How the screen looks; from the command line's `--color`, `--charset` and `--fps`.
  public struct Appearance: Sendable {
    public var color: String
    public var asciiOnly: Bool
    public var framesPerSecond: Int
    public var environment: [String: String]
    /// The wheel scrolls the notebook (`--no-mouse` leaves the mouse to the terminal).
    public var mouse: Bool

    public init(
      color: String = "auto", asciiOnly: Bool = false, framesPerSecond: Int = 15,
      environment: [String: String] = ProcessInfo.processInfo.environment, mouse: Bool = true
    ) {
      self.color = color
      self.asciiOnly = asciiOnly
      self.framesPerSecond = framesPerSecond
      self.environment = environment
      self.mouse = mouse
    }
  }

  /// Steps between the live feature maps' snapshots (``SessionOptions/snapshotEvery``).
  public static let snapshotEvery = 25

  /// The prompt of the input line.
  public static let prompt = "> "

  private let session: Session
  private let trainer: Trainer
  private let queue = DispatchQueue(label: "cnnrepl.session", qos: .userInitiated)
  private let app: TUIApp
  private let presenter: TUIPresenter
  private let monitor: TrainingMonitor
  private let journal: CommandJournal?
  private let historyPath: String?
  /// Set while the session queue runs a command: the preview then answers nil at once
  /// instead of making every key wait (a data set loading, a `wait`).
  private let busy = BusyFlag()
  /// The newest line waiting for its preview.
  private let pendingPreview = PendingLine()
  /// The layers the model pane showed last, to find the row an edit touched.
  private var shownSpecs: [LayerSpec] = []
  private var shownInput: Shape?
  private var focusRow: Int?

  // Session-queue state.
  private var recovery: JournalRecovery?
  private var script: (lines: [String], name: String)?
  private var stepping = false
  private var stepIndex = 0

  /// `session` is handed over: from now on it is used on the front end's queue only.
  public init(
    session: Session, appearance: Appearance = Appearance(), journal: CommandJournal?,
    historyPath: String?
  ) {
    self.session = session
    self.trainer = session.trainer
    self.journal = journal
    self.historyPath = historyPath
    let relay = Relay()
    let trainer = session.trainer
    let options = TUIOptions(
      fps: appearance.framesPerSecond,
      color: Rendering.ColorChoice(rawValue: appearance.color) ?? .auto,
      charset: appearance.asciiOnly ? .ascii : .unicode, prompt: Self.prompt,
      helpLines: HelpText.overview().map { StyledLine($0) },
      environment: appearance.environment, mouse: appearance.mouse)
    let callbacks = TUICallbacks(
      onLine: { line in relay.target?.submit(line) },
      completions: { line, cursor in
        let candidates = TUICompletion.candidates(line: line, cursor: cursor)
        TUICompletion.setAppendCharacter(for: candidates)
        return candidates
      },
      onPreview: { line in relay.target?.requestPreview(line) },
      onInterrupt: { if trainer.isRunning { trainer.stop() } },
      onQuit: { _ in relay.target?.saveHistory() })
    app = TUIApp(options: options, callbacks: callbacks)
    presenter = TUIPresenter(app: app)
    monitor = TrainingMonitor(
      trainer: trainer, app: app, framesPerSecond: min(15, appearance.framesPerSecond),
      showTimings: session.options.showTimings)
    session.presenter = presenter
    if let journal { session.willExecute = { journal.record($0) } }
    relay.target = self
  }

  /// The screen this front end pushes to (`--share` mirrors it with ``TUIApp/mirror(to:)``).
  public var screen: TUIApp { app }

  /// Runs `body` with the session on the session queue, between two commands (`--share`
  /// takes a fork's copy there).
  public func withSession(_ body: @escaping @Sendable (Session) -> Void) {
    queue.async { body(self.session) }
  }

  /// Runs the session full screen and returns the exit status: 0, or `128 + signal`.
  ///
  /// Opens the screen, replays `scriptText` (named `scriptName`; one command per Enter when
  /// `step`) and runs until `quit`, Ctrl-D or a signal. Throws ``TUIError`` (terminal
  /// untouched) if the screen cannot open.
  public func run(scriptText: String? = nil, scriptName: String = "", step: Bool = false) throws
    -> Int32
  {
    loadHistory()
    try app.start()
    monitor.start()
    queue.async { self.startUp(scriptText: scriptText, scriptName: scriptName, step: step) }
    let reason = app.wait()
    monitor.stop()
    if trainer.isRunning { trainer.stop() }
    let clean = reason == .quit || reason == .endOfInput
    onSessionQueue { clean ? self.journal?.remove() : self.journal?.close() }
    if case .signal(let number) = reason { return 128 + number }
    return 0
  }

  /// Runs `body` on the session queue (the journal's owner), waiting at most 2 s for a command
  /// still running there before running it here.
  private func onSessionQueue(_ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    queue.async {
      body()
      done.signal()
    }
    if done.wait(timeout: .now() + 2) == .timedOut { body() }
  }

  // MARK: - UI-thread callbacks (quick)

  private func submit(_ line: String) { queue.async { self.handle(line) } }

  /// Computes the preview row for `line` on the session queue (the model is the session's)
  /// and pushes it; the UI never waits. Keys typed while a command runs coalesce: only the
  /// newest line is previewed once the queue is free.
  private func requestPreview(_ line: String) {
    guard let first = CommandParser.words(of: line).first,
      (try? CommandParser.matchCommand([first])) != nil
    else {
      app.setPreview(nil, for: line)
      return
    }
    guard pendingPreview.replace(line) else { return }
    queue.async {
      guard let newest = self.pendingPreview.take() else { return }
      self.app.setPreview(LinePreview.row(for: newest, model: self.session.model), for: newest)
    }
  }

  private func loadHistory() {
    guard let historyPath else { return }
    stifle_history(ReadlineEditor.historyLimit)
    read_history(historyPath)
  }

  /// Called on the UI thread once the screen is restored.
  private func saveHistory() {
    guard let historyPath else { return }
    write_history(historyPath)
  }

  // MARK: - Session queue

  private func startUp(scriptText: String?, scriptName: String, step: Bool) {
    presenter.note([
      StyledLine(
        "cnnrepl \(CnnreplVersion.string): type `help`; Tab completes, F1 keys, Ctrl-D quits",
        style: .dim)
    ])
    refreshPanes()
    if let scriptText {
      var lines = scriptText.split(separator: "\n", omittingEmptySubsequences: false).map(
        String.init)
      if lines.last == "" { lines.removeLast() }
      script = (lines, scriptName)
      stepping = step
    }
    if let leftOver = journal?.claimLeftOver() {
      let offer = JournalRecovery(leftOver: leftOver)
      recovery = offer
      let lines = offer.offer
      presenter.note(
        lines.enumerated().map { index, line in
          StyledLine(
            line, style: index == 0 ? .warning : index == lines.count - 1 ? .bold : .plain)
        })
      app.setPrompt(JournalRecovery.prompt)
      return
    }
    journal?.begin()
    runScript()
  }

  private func answerRecovery(_ line: String, offer: JournalRecovery) {
    guard let yes = JournalRecovery.answer(line) else {
      presenter.note([StyledLine("answer y (replay the last session) or n", style: .warning)])
      return
    }
    recovery = nil
    app.setPrompt(Self.prompt)
    journal?.begin()
    guard yes else {
      journal?.discardClaimed()
      presenter.note([StyledLine("not recovered; starting afresh", style: .dim)])
      runScript()
      return
    }
    let checkpoint = journal?.adoptClaimedCheckpoint()
    journal?.discardClaimed()
    let commands = offer.replayed
    presenter.note([StyledLine("recovering \(commands.count) commands", style: .dim)])
    if replay(commands, name: "journal", keepGoing: true) { return }
    if let checkpoint, replay(["load model \(checkpoint)"], name: "journal", keepGoing: true) {
      return
    }
    runScript()
  }

  /// Replays the script given on the command line, or offers its first step.
  private func runScript() {
    guard let script else { return }
    if stepping {
      offerStep()
      return
    }
    self.script = nil
    replay(script.lines, name: script.name)
  }

  /// Runs `lines` as a script named `name`, stopping at the first error (unless `keepGoing`:
  /// a recovered journal holds the typos too) or `quit`.
  ///
  /// A training started by one line is waited for before the next command (its panes stay
  /// live; Ctrl-C stops it), so `train` then `eval` replays as it was typed; after the last
  /// line it goes on in the background. Returns whether the session quit.
  @discardableResult
  private func replay(_ lines: [String], name: String, keepGoing: Bool = false) -> Bool {
    for (index, line) in lines.enumerated() {
      let location = ScriptLocation(file: name, line: index + 1)
      if !CommandParser.words(of: line).isEmpty, trainer.isRunning {
        busy.set(true)
        trainer.wait()
        busy.set(false)
      }
      if case .failed = perform(line, location: location), !keepGoing {
        presenter.note([StyledLine("replay stopped at \(location)", style: .warning)])
        return false
      }
      if session.quitRequested { return true }
    }
    return false
  }

  /// `--step`: shows the script's comments up to its next command and puts that command on the
  /// input line (Enter or space runs it; Enter runs an edited version).
  private func offerStep() {
    guard let script else { return }
    let commands = script.lines.filter { !CommandParser.words(of: $0).isEmpty }.count
    while stepIndex < script.lines.count {
      let line = script.lines[stepIndex]
      if CommandParser.words(of: line).isEmpty {
        let text = line.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty { presenter.note([StyledLine(text, style: .dim)]) }
        stepIndex += 1
        continue
      }
      let done = script.lines[..<stepIndex].filter { !CommandParser.words(of: $0).isEmpty }.count
      app.setPrompt("[\(done + 1)/\(commands)] > ")
      app.setInput(line.trimmingCharacters(in: .whitespaces), spaceRuns: true)
      return
    }
    app.setPrompt(Self.prompt)
    presenter.note([StyledLine("end of \(script.name); the session goes on", style: .dim)])
    self.script = nil
  }

  private func handle(_ line: String) {
    if let offer = recovery {
      answerRecovery(line, offer: offer)
      return
    }
    var location: ScriptLocation?
    if stepping, let script, stepIndex < script.lines.count {
      let next = script.lines[stepIndex]
      if line.trimmingCharacters(in: .whitespaces) == next.trimmingCharacters(in: .whitespaces) {
        location = ScriptLocation(file: script.name, line: stepIndex + 1)
        stepIndex += 1
      }
    }
    perform(line, location: location)
    if stepping, !session.quitRequested { offerStep() }
  }

  /// Runs one line in a new cell (the session journals it first), then updates the panes.
  @discardableResult
  private func perform(_ line: String, location: ScriptLocation?) -> CommandOutcome {
    let words = CommandParser.words(of: line)
    guard let first = words.first else {
      let text = line.trimmingCharacters(in: .whitespaces)
      if !text.isEmpty { presenter.note([StyledLine(text, style: .dim)]) }
      return .empty
    }
    busy.set(true)
    defer { busy.set(false) }
    let cell = presenter.beginCell(words.joined(separator: " "))
    if ["train", "resume"].contains(first.lowercased()) { monitor.setCell(cell) }
    let outcome = session.execute(line, location: location)
    refreshPanes()
    if session.quitRequested { app.requestQuit() }
    return outcome
  }

  /// The model pane, the feature-map row and the status line from the session's state.
  private func refreshPanes() {
    let model = session.model
    let summary = model.summary
    let specs = model.specs
    if model.inputShape != shownInput {
      focusRow = specs.isEmpty ? 0 : specs.count
      if !trainer.isRunning { monitor.clear() }
    } else if specs != shownSpecs {
      let common = min(specs.count, shownSpecs.count)
      let first = (0..<common).first { specs[$0] != shownSpecs[$0] } ?? common
      focusRow = specs.count > shownSpecs.count && first == shownSpecs.count ? specs.count : first + 1
    }
    shownSpecs = specs
    shownInput = model.inputShape
    presenter.showModel(summary, focus: focusRow)
    let row = FeatureMapPicture.defaultRow(specs: model.specs, shapes: model.shapes)
    monitor.setFeatureRow(row, layer: row.map { model.specs[$0 - 1].description } ?? "")
    let dataset =
      session.data.map { "\($0.name) \(group($0.train.count))" }
      ?? session.dataCommand ?? "no data"
    monitor.setModelStatus(dataset: dataset, model: "\(group(summary.totalParameters)) params")
  }
}

/// Lets the UI's callbacks reach the front end that owns the UI (set once, before `start`).
private final class Relay: @unchecked Sendable {
  weak var target: TUIFrontEnd?
}

/// A lock-protected flag read by the UI thread, written by the session queue.
private final class BusyFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return value
  }

  func set(_ newValue: Bool) {
    lock.lock()
    value = newValue
    lock.unlock()
  }
}

/// The newest input line waiting for a preview: `replace` keeps only the newest and says
/// whether a computation must be queued (none was pending).
private final class PendingLine: @unchecked Sendable {
  private let lock = NSLock()
  private var line: String?

  func replace(_ newLine: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    let idle = line == nil
    line = newLine
    return idle
  }

  func take() -> String? {
    lock.lock()
    defer { lock.unlock() }
    let taken = line
    line = nil
    return taken
  }
}
