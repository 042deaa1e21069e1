import Rendering
import Foundation

/// The full-screen notebook UI. The owner creates it with callbacks, calls `start()` (or
/// `run()`), and pushes content from any thread; a dedicated UI thread owns ncurses and
/// readline, drains the pushed content each tick and redraws only what changed.
///
/// ```swift
/// let app = TUIApp(options: TUIOptions(fps: 15, color: .auto),
///                  callbacks: TUICallbacks(onLine: { line in session.submit(line) }))
/// try app.start()
/// app.append(NotebookCell(number: 1, command: "conv 8 3", output: ["ok"]))
/// let reason = app.wait()          // terminal already restored here
/// ```
/// All push methods are thread-safe and never block on the UI (a lock-protected mailbox).
public final class TUIApp: Sendable {
  private let options: TUIOptions
  private let callbacks: TUICallbacks
  private let mailbox = Mailbox()
  private let state = RunState()
  private let mirrors = MirrorList()

  public init(options: TUIOptions = TUIOptions(), callbacks: TUICallbacks) {
    self.options = options
    self.callbacks = callbacks
  }

  /// Whether stdin and stdout are terminals (the TUI needs both; otherwise use line mode).
  public static var canRun: Bool { isatty(0) == 1 && isatty(1) == 1 }

  // MARK: - Lifecycle

  /// Opens the screen on a new UI thread and returns once it is up (or throws, with the
  /// terminal untouched). Call once.
  public func start() throws {
    guard Self.canRun else { throw TUIError.notATerminal }
    guard state.claimStart() else { throw TUIError.alreadyRunning }
    let opened = DispatchSemaphore(value: 0)
    let failure = ErrorBox()
    let options = options
    let callbacks = callbacks
    let mailbox = mailbox
    let state = state
    let thread = Thread {
      let session = TerminalSession(
        options: options, callbacks: callbacks, mailbox: mailbox, signals: SignalWatcher())
      do {
        try session.open()
      } catch {
        session.restore()
        failure.error = error
        opened.signal()
        state.finish(.quit)
        return
      }
      opened.signal()
      let reason = session.run()
      callbacks.onQuit(reason)
      state.finish(reason)
    }
    thread.name = "cnnrepl.ui"
    thread.stackSize = 8 << 20
    thread.start()
    opened.wait()
    if let error = failure.error { throw error }
  }

  /// Blocks until the UI loop ends; the terminal is restored by then.
  public func wait() -> TUIExitReason { state.wait() }

  /// `start()` then `wait()`.
  public func run() throws -> TUIExitReason {
    try start()
    return wait()
  }

  /// Ends the loop at the next tick (the `quit` command). Thread-safe.
  public func requestQuit() { mailbox.post { $0.quit = true } }

  // MARK: - Content (thread-safe)

  /// Adds a cell at the bottom of the notebook (and scrolls to it).
  public func append(_ cell: NotebookCell) {
    mailbox.post { $0.notebook.append(.append(cell)) }
    mirrors.send(.append(cell))
  }

  /// Adds output lines to cell `number` (nil: the last cell), e.g. streaming training output.
  public func appendOutput(_ lines: [StyledLine], toCell number: Int? = nil) {
    mailbox.post { $0.notebook.append(.output(lines, cell: number)) }
    mirrors.send(.output(lines, cell: number))
  }

  public func clearNotebook() {
    mailbox.post { $0.notebook.append(.clear) }
    mirrors.send(.clear)
  }

  /// The model pane's table, totals and focused row.
  public func setModel(_ view: ModelView) {
    mailbox.post { $0.model = view }
    mirrors.send(.model(view))
  }

  /// The preview row for input `line` (the answer to ``TUICallbacks/onPreview``); dropped if
  /// the line has changed since. Not mirrored: the input line is the owner's.
  public func setPreview(_ row: StyledLine?, for line: String) {
    mailbox.post { $0.preview = (line, row) }
  }

  /// Shows (`true`), hides (`false`) or toggles (`nil`) a pane, as F5, F6 and F2 do. Not
  /// mirrored: each screen arranges its own panes.
  public func setPane(_ pane: PaneName, shown: Bool?) {
    mailbox.post { $0.panes.append((pane, shown)) }
  }

  /// The training pane's state (nil: no training yet). Push as often as you like; the UI
  /// draws the latest at most `fps` times a second.
  public func setTraining(_ display: TrainingDisplay?) {
    mailbox.post { $0.training = .some(display) }
    mirrors.send(.training(display))
  }

  /// The picture for a visual mode; `show: true` also brings the visual pane up in that mode.
  public func setPicture(_ picture: VisualPicture?, for mode: VisualMode, show: Bool = false) {
    mailbox.post {
      $0.pictures[mode] = .some(picture)
      if show { $0.showVisual = mode }
    }
    mirrors.send(.picture(picture, mode: mode, show: show))
  }

  /// How the picture pane draws pictures from now on (`.kitty`: real pixels; anything else:
  /// text). Not mirrored: each screen has its own terminal.
  public func setGraphics(_ graphics: GraphicsProtocol) {
    mailbox.post { $0.graphics = graphics }
  }

  public func setStatus(_ fields: StatusFields) {
    mailbox.post { $0.status = fields }
    mirrors.send(.status(fields))
  }

  public func setPrompt(_ prompt: String) { mailbox.post { $0.prompt = prompt } }

  /// Replaces the text being edited (cursor at the end), e.g. the next command in `--step`
  /// mode, so Enter runs it; with `spaceRuns`, a space typed while the line is still exactly
  /// `text` runs it too (a demo advances on space or Enter; any edit makes space a space again).
  public func setInput(_ text: String, spaceRuns: Bool = false) {
    mailbox.post {
      $0.input = text
      $0.inputRunsOnSpace = spaceRuns
    }
  }

  // MARK: - Mirroring (`--share`, `--watch`)

  /// Calls `observer` with every content push from now on, on the pushing thread, after the
  /// push is posted: keep it quick and non-blocking (copy the value and return).
  public func mirror(to observer: @escaping @Sendable (ScreenPush) -> Void) {
    mirrors.add(observer)
  }

  /// Replays a push made on another screen (a watcher showing a shared session).
  public func apply(_ push: ScreenPush) {
    switch push {
    case .append(let cell): append(cell)
    case .output(let lines, let cell): appendOutput(lines, toCell: cell)
    case .clear: clearNotebook()
    case .model(let view): setModel(view)
    case .training(let display): setTraining(display)
    case .picture(let picture, let mode, let show): setPicture(picture, for: mode, show: show)
    case .status(let fields): setStatus(fields)
    }
  }
}

/// The observers of ``TUIApp/mirror(to:)``, behind a lock.
private final class MirrorList: @unchecked Sendable {
  private let lock = NSLock()
  private var observers: [@Sendable (ScreenPush) -> Void] = []

  func add(_ observer: @escaping @Sendable (ScreenPush) -> Void) {
    lock.lock()
    observers.append(observer)
    lock.unlock()
  }

  func send(_ push: ScreenPush) {
    lock.lock()
    let current = observers
    lock.unlock()
    for observer in current { observer(push) }
  }
}

/// Start-once flag and the exit reason, for `start()`/`wait()` across threads.
private final class RunState: @unchecked Sendable {
  private let condition = NSCondition()
  private var started = false
  private var reason: TUIExitReason?

  func claimStart() -> Bool {
    condition.lock()
    defer { condition.unlock() }
    if started { return false }
    started = true
    return true
  }

  func finish(_ r: TUIExitReason) {
    condition.lock()
    reason = r
    condition.broadcast()
    condition.unlock()
  }

  func wait() -> TUIExitReason {
    condition.lock()
    defer { condition.unlock() }
    while reason == nil { condition.wait() }
    return reason ?? .quit
  }
}

/// Carries an error out of the UI thread's start-up.
private final class ErrorBox: @unchecked Sendable {
  var error: (any Error)?
}
