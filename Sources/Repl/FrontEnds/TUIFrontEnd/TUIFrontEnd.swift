import CReadline
import Core
import Dispatch
import Foundation
import ModelFiles
import Rendering
import Repl
import TUI

/// Runs a ``Session`` in the full-screen UI: the notebook, model, training and visual panes.
///
/// Threads (see DECISIONS.md "events, not callbacks"):
/// - the UI thread (``TUIApp``) owns ncurses and readline and only draws what is pushed; its
///   callbacks return at once: a finished line is handed to the session queue, the preview is
///   computed there and pushed back when ready (the UI never waits for it), completion is pure;
/// - the session queue runs every command (`Session.execute`), so a slow command never freezes
///   the screen, and `train` returns at once (interactive mode trains in the background);
/// - ``TrainingMonitor`` drains the trainer's events on its own queue ~15 times a second.
///
/// Every command is journaled before it runs (``CommandJournal``, through
/// ``Session/willExecute``); a clean quit removes the journal. A start that finds journals
/// left behind by processes that are gone says so and goes on at once; `recover` replays one
/// (``JournalRecovery``).
///
/// Leaving (`quit`, Ctrl-D, a signal) stops the training and joins its thread, and waits for
/// the command on the session queue, before the process exits (``leave(clean:status:)``).
public final class TUIFrontEnd: @unchecked Sendable {
  /// Whether the full screen can work here: stdin and stdout are terminals and `TERM` names
  /// one that can move the cursor (not empty or `dumb`; those get line mode).
  public static var canRun: Bool {
    let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
    return TUIApp.canRun && !term.isEmpty && term != "dumb"
  }

  /// How the screen looks; from the command line's `--color`, `--charset` and `--fps`.
  public struct Appearance: Sendable {
    public var color: ColorChoice
    public var asciiOnly: Bool
    public var framesPerSecond: Int
    public var environment: [String: String]
    /// The wheel scrolls the notebook (`--no-mouse` leaves the mouse to the terminal).
    public var mouse: Bool
    /// How pictures are drawn (`--graphics`; kitty puts pixels in the picture pane).
    public var pictures: PictureOutput

    public init(
      color: ColorChoice = .auto, asciiOnly: Bool = false, framesPerSecond: Int = 15,
      environment: [String: String] = ProcessInfo.processInfo.environment, mouse: Bool = true,
      pictures: PictureOutput = .text
    ) {
      self.pictures = pictures
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
  /// The newest line waiting for its preview.
  private let pendingPreview = PendingLine()
  /// The layers the model pane showed last, to find the row an edit touched.
  private var shownSpecs: [RowSpec] = []
  private var shownInput: Shape?
  private var focusRow: Int?

  /// Set once the screen has closed: queued lines, replays and step waits stop.
  private let leaving = BusyFlag()
  /// The command the session queue runs, for the message when leaving has to wait for it.
  private let current = CommandText()

  // Session-queue state.
  private var script: (lines: [String], name: String)?
  private var stepping = false
  private var stepIndex = 0
  /// `--step`: a step started a training and the next step waits for it to end.
  private var stepWaiting = false
  /// Start-up notices from the command line (see ``init(session:appearance:journal:historyPath:notices:)``).
  private let notices: [String]

  /// `session` is handed over: from now on it is used on the front end's queue only.
  /// `notices`: start-up lines shown under the greeting (a config line ignored, files moved).
  public init(
    session: Session, appearance: Appearance = Appearance(), journal: CommandJournal?,
    historyPath: String?, notices: [String] = []
  ) {
    self.notices = notices
    self.session = session
    self.trainer = session.trainer
    self.journal = journal
    self.historyPath = historyPath
    let relay = Relay()
    let trainer = session.trainer
    let options = TUIOptions(
      fps: appearance.framesPerSecond,
      color: appearance.color,
      charset: appearance.asciiOnly ? .ascii : .unicode, prompt: Self.prompt,
      helpLines: HelpText.overview().map { StyledLine($0) },
      environment: appearance.environment, mouse: appearance.mouse,
      graphics: appearance.pictures.graphics,
      graphicsThroughTmux: appearance.pictures.throughTmux,
      pngEncoder: TerminalPicture.pngEncoder)
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
    presenter = TUIPresenter(app: app, pictures: appearance.pictures)
    monitor = TrainingMonitor(
      trainer: trainer, app: app, framesPerSecond: min(15, appearance.framesPerSecond),
      showTimings: session.options.showTimings)
    presenter.onFollow = { [monitor] picture in monitor.follow(picture) }
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
  /// `step`) and runs until `quit`, Ctrl-D or a signal, then leaves cleanly
  /// (``leave(clean:status:)``). Throws ``TUIError`` (terminal untouched) if the screen cannot
  /// open.
  public func run(scriptText: String? = nil, scriptName: String = "", step: Bool = false) throws
    -> Int32
  {
    loadHistory()
    try app.start()
    monitor.start()
    queue.async { self.startUp(scriptText: scriptText, scriptName: scriptName, step: step) }
    let reason = app.wait()
    monitor.stop()
    var status: Int32 = 0
    if case .signal(let number) = reason { status = 128 + number }
    leave(clean: reason == .quit || reason == .endOfInput, status: status)
    return status
  }

  /// How long leaving waits for a command still running on the session queue (an `eval`, a
  /// `show dream`) before the process exits without it.
  static let commandGrace: Double = 5

  /// After the screen closed (terminal already restored): stops the training between two
  /// batches and joins its thread, lets the command on the session queue end, then removes the
  /// journal (`clean`: `quit` or Ctrl-D) or keeps it for `recover` (a signal).
  ///
  /// No thread may be inside OpenBLAS when the process runs its exit-time destructors. If the
  /// session queue's command has not ended within ``commandGrace`` seconds, the process leaves
  /// here with `_exit(status)`, which runs none (DECISIONS.md "Leaving is always clean").
  private func leave(clean: Bool, status: Int32) {
    leaving.set(true)
    trainer.stop()  // ends a `wait`, a replay's wait and a step's wait too
    let finish: @Sendable () -> Void = {
      // A training the last command started while the screen closed stops too.
      self.trainer.stop()
      if clean { self.journal?.remove() } else { self.journal?.close() }
    }
    let idle = onSessionQueue(within: Self.commandGrace, finish)
    if idle {
      trainer.join()
      return
    }
    // The command still running may start another training (a script's next `train`): stop
    // it again rather than join it; `_exit` below runs no destructor under it.
    finish()
    let command = current.text.map { "`\($0)`" } ?? "a command"
    StandardStreams.write("cnnrepl: left while \(command) was still running\n", to: .error)
    fflush(nil)  // every output stream
    _exit(status)
  }

  /// Runs `body` on the session queue (the journal's owner) once the command running there
  /// ends, and returns true; returns false, with `body` not run, when that takes more than
  /// `limit` seconds (after saying on standard error what it waits for).
  private func onSessionQueue(within limit: Double, _ body: @escaping @Sendable () -> Void) -> Bool
  {
    let done = DispatchSemaphore(value: 0)
    let once = Once()
    queue.async {
      if once.claim() { body() }
      done.signal()
    }
    let quiet = min(0.5, limit)
    if done.wait(timeout: .now() + quiet) == .success { return true }
    let command = current.text.map { "`\($0)`" } ?? "the running command"
    StandardStreams.write("cnnrepl: waiting up to \(Int(limit)) s for \(command) to end\n", to: .error)
    if done.wait(timeout: .now() + (limit - quiet)) == .success { return true }
    if once.claim() { return false }
    done.wait()  // the queue took it just now: `body` is running there
    return true
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
    if !notices.isEmpty { presenter.note(notices.map { StyledLine($0, style: .warning) }) }
    refreshPanes()
    if let scriptText {
      script = (ScriptLines.split(scriptText), scriptName)
      stepping = step
      // Its relative paths (`data csv data/x.csv`) are found next to it, as in `run FILE`.
      session.frontEndScriptFolder = (scriptName as NSString).deletingLastPathComponent
    }
    if let journal {
      // Announced, never asked: the prompt is free at once and `recover` replays.
      if let warning = journal.begin() { presenter.note([StyledLine(warning, style: .warning)]) }
      let leftOvers = journal.claimLeftOvers()
      session.recovery.leftOvers = leftOvers
      let notice = JournalRecovery.notice(leftOvers)
      if !notice.isEmpty {
        presenter.note(
          notice.enumerated().map { index, line in
            StyledLine(line, style: index == 0 ? .warning : .dim)
          })
      }
    }
    runScript()
  }

  /// Replays the journal `recover` picked (if it did), one cell per command as if typed; its
  /// autosaved weights get this session's checkpoint name and load at the end.
  private func recoverPending() {
    guard let leftOver = session.recovery.takePending() else { return }
    let weights = journal?.adoptCheckpoint(of: leftOver) ?? leftOver.checkpoint
    let lines = JournalRecovery(leftOver: leftOver).script(weights: weights)
    replay(lines, name: JournalRecovery.scriptName, keepGoing: true)
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
    session.frontEndScriptFolder = nil
  }

  /// Runs `lines` as a script named `name`, stopping at the first error (unless `keepGoing`:
  /// a recovered journal holds the typos too), at `quit` or when the screen closes.
  ///
  /// A training started by one line is waited for before the next command (its panes stay
  /// live; Ctrl-C stops it), so `train` then `eval` replays as it was typed; after the last
  /// line it goes on in the background. Returns whether the session quit.
  @discardableResult
  private func replay(_ lines: [String], name: String, keepGoing: Bool = false) -> Bool {
    for (index, line) in lines.enumerated() {
      let location = ScriptLocation(file: name, line: index + 1)
      if !CommandParser.words(of: line).isEmpty, trainer.isRunning {
        trainer.wait()
      }
      if leaving.isSet { return true }
      if case .failed = perform(line, location: location), !keepGoing {
        presenter.note([StyledLine("replay stopped at \(location)", style: .warning)])
        return false
      }
      if session.quitRequested { return true }
    }
    return false
  }

  // MARK: - Step mode (`--step`)

  /// How often a step waiting for a training looks whether it ended.
  static let stepPoll = DispatchTimeInterval.milliseconds(100)

  /// How many commands the script has before line `index` (all of them when nil).
  private func commandCount(before index: Int? = nil) -> Int {
    guard let script else { return 0 }
    let end = min(index ?? script.lines.count, script.lines.count)
    return script.lines[..<end].filter { !CommandParser.words(of: $0).isEmpty }.count
  }

  /// `--step`: shows the script's comments up to its next command and puts that command on the
  /// input line (Enter or space runs it; Enter runs an edited version, after which the same
  /// step is offered again).
  private func offerStep() {
    guard let script, !leaving.isSet else { return }
    let commands = commandCount()
    while stepIndex < script.lines.count {
      let line = script.lines[stepIndex]
      if CommandParser.words(of: line).isEmpty {
        let text = line.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
          presenter.note([StyledLine(text, style: .dim)])
          session.execute(text)  // a comment: recorded as the notebook's prose, nothing runs
        }
        stepIndex += 1
        continue
      }
      app.setPrompt(StepNotes.prompt(step: commandCount(before: stepIndex) + 1, of: commands))
      app.setInput(line.trimmingCharacters(in: .whitespaces), spaceRuns: true)
      return
    }
    app.setPrompt(Self.prompt)
    presenter.note([StyledLine("end of \(script.name); the session goes on", style: .dim)])
    self.script = nil
    stepping = false
    session.frontEndScriptFolder = nil
  }

  /// `--step`: while the training a step started runs, the prompt says so and no step is on
  /// the input line, so Enter or space cannot run or skip one (typed commands still run:
  /// `status`, `stop`); once it ends (by itself, `stop` or Ctrl-C) the next step is offered.
  /// Polls every ``stepPoll`` on the session queue, which stays free meanwhile.
  private func waitForStepTraining() {
    guard !leaving.isSet else { return }
    guard trainer.isRunning else {
      stepWaiting = false
      offerStep()
      return
    }
    if !stepWaiting {
      stepWaiting = true
      app.setPrompt(
        StepNotes.waitingPrompt(
          next: commandCount(before: stepIndex) + 1, of: commandCount(),
          asciiOnly: session.options.asciiOnly))
    }
    queue.asyncAfter(deadline: .now() + Self.stepPoll) { self.waitForStepTraining() }
  }

  private func handle(_ line: String) {
    guard !leaving.isSet else { return }
    guard stepping, let script else {
      perform(line, location: nil)
      return
    }
    if stepWaiting {
      perform(line, location: nil)  // an empty line (Enter, space) does nothing here
      return
    }
    var step: Int?
    var location: ScriptLocation?
    if stepIndex < script.lines.count {
      let next = script.lines[stepIndex].trimmingCharacters(in: .whitespaces)
      if line.trimmingCharacters(in: .whitespaces) == next {
        step = commandCount(before: stepIndex) + 1
        location = ScriptLocation(file: script.name, line: stepIndex + 1)
        stepIndex += 1
      }
    }
    let outcome = perform(line, location: location)
    guard !session.quitRequested, !leaving.isSet else { return }
    let more = commandCount(before: stepIndex) < commandCount()
    if let step, case .failed = outcome, more {
      let text = line.trimmingCharacters(in: .whitespaces)
      presenter.note([
        StyledLine(
          StepNotes.failed(step: step, of: commandCount(), command: text, recall: true),
          style: .warning)
      ])
    }
    if more, trainer.isRunning {
      waitForStepTraining()
    } else {
      offerStep()
    }
  }

  /// Runs one line in a new cell (the session journals it first), then updates the panes;
  /// then replays the journal a `recover` picked.
  @discardableResult
  private func perform(_ line: String, location: ScriptLocation?) -> CommandOutcome {
    let words = CommandParser.words(of: line)
    guard let first = words.first else {
      let text = line.trimmingCharacters(in: .whitespaces)
      if !text.isEmpty { presenter.note([StyledLine(text, style: .dim)]) }
      return .empty
    }
    guard !leaving.isSet else { return .empty }
    current.set(words.joined(separator: " "))
    defer { current.set(nil) }
    let cell = presenter.beginCell(words.joined(separator: " "))
    if (try? CommandParser.matchCommand(words))?.0.training == .starts { monitor.setCell(cell) }
    let outcome = session.execute(line, location: location)
    refreshPanes()
    if session.quitRequested { app.requestQuit() }
    recoverPending()
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
    let row = FeatureMapPicture.defaultRow(specs: model.specs.map(\.layer), shapes: model.shapes)
    monitor.setFeatureRow(row, layer: row.map { model.specs[$0 - 1].description } ?? "")
    let dataset =
      session.data.map { "\($0.name) \(grouped($0.train.count))" }
      ?? session.dataCommand ?? "no data"
    monitor.setModelStatus(dataset: dataset, model: "\(grouped(summary.totalParameters)) params")
  }
}

/// Lets the UI's callbacks reach the front end that owns the UI (set once, before `start`).
private final class Relay: @unchecked Sendable {
  weak var target: TUIFrontEnd?
}

/// A lock-protected flag: `leaving` is set by the thread that ends the run and read on the
/// session queue.
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

/// The text of the command the session queue runs (nil between commands), read when leaving.
private final class CommandText: @unchecked Sendable {
  private let lock = NSLock()
  private var value: String?

  var text: String? {
    lock.lock()
    defer { lock.unlock() }
    return value
  }

  func set(_ newValue: String?) {
    lock.lock()
    value = newValue
    lock.unlock()
  }
}

/// Lets exactly one of two threads run a piece of work: the first to claim it.
private final class Once: @unchecked Sendable {
  private let lock = NSLock()
  private var claimed = false

  func claim() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if claimed { return false }
    claimed = true
    return true
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
