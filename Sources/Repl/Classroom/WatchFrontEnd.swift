import Dispatch
import Foundation
import FrontEnds
import Rendering
import Repl
import TUI

#if canImport(Glibc)
  import Glibc
#endif

/// `cnnrepl --watch`: a teacher's shared session, read-only, drawn with this terminal's own
/// size, colours and character set.
///
/// The socket is read on its own thread and every frame is replayed into this screen's
/// ``TUIApp``; the input line takes only `fork`, `help` and `quit` (PgUp/PgDn scroll and F1–F4
/// work as usual). Everything else gets "read-only: …". `fork` asks the teacher for its state,
/// shows the script it would run and asks `yes`/`no`; only `yes` replaces this process with the
/// student's own session on it (``ForkLauncher``), confined to its folder for `force=yes`.
///
/// Before the teacher's first cell it says whose share this is, from the socket's peer
/// credentials (``SharePeer``), and warns when that is another user. A frame that breaks the
/// wire rules ends the connection with "bad frame from the share"; the watcher never aborts.
///
/// With `plain` (no screen; `--watch NAME --plain`) the cells and the training progress are
/// printed as lines: for scripts and for measuring many watchers.
public final class WatchFrontEnd: @unchecked Sendable {
  /// The watcher's redraw cap: the shared panes change at most 5 times a second, and 30
  /// watchers ticking 20 times a second cost the teacher's machine twice the idle CPU.
  static let maxFramesPerSecond = 10

  /// The input line's prompt while watching.
  static let prompt = "watch> "
  /// The prompt while a copy waits for an answer (always in view, unlike notes under a long
  /// teacher's cell, which the notebook keeps in view instead).
  static let offerPrompt = "run the copy? (script above: PgUp) yes/no> "

  /// Words the watcher's input line understands.
  public static let commands = ["fork", "help", "quit", "yes", "no"]

  private let fd: Int32
  private let hello: ShareHello
  /// Who listens on the socket (the kernel's word, not the teacher's hello).
  public let peer: SharePeer
  private let appearance: TUIFrontEnd.Appearance
  private let forkOptions: [String]
  private let dataDirectory: String?
  private let queue = DispatchQueue(label: "cnnrepl.watch")
  private let lock = NSLock()
  private var app: TUIApp?
  private var plan: ForkLauncher.Plan?
  private var asked = false
  /// A copy that arrived and waits for the student's `yes` or `no`.
  private var offered: ForkState?

  // Reader thread only.
  private var trainingRun = -1
  private var training: TrainingDisplay?

  /// Connects to the socket at `path` and reads the teacher's hello.
  ///
  /// Throws when the teacher speaks another protocol. `forkOptions` are passed to the forked
  /// session (colour, charset).
  public init(
    path: String, appearance: TUIFrontEnd.Appearance, forkOptions: [String],
    dataDirectory: String?
  ) throws(ShareError) {
    fd = try ShareSocket.connect(path: path)
    do {
      peer = try SharePeer.of(socket: fd)
    } catch {
      close(fd)
      throw error
    }
    let first: ShareFrame?
    do { first = try FrameReader(fd: fd).next() } catch {
      close(fd)
      throw error
    }
    guard case .hello(let hello)? = first else {
      close(fd)
      throw .malformedFrame("the teacher did not say hello")
    }
    guard hello.protocolVersion == ShareHello.currentProtocol else {
      close(fd)
      throw .versionMismatch(
        teacher: hello.protocolVersion, watcher: ShareHello.currentProtocol,
        teacherVersion: hello.version)
    }
    self.hello = hello
    self.appearance = appearance
    self.forkOptions = forkOptions
    self.dataDirectory = dataDirectory
  }

  /// The status line's note while watching.
  var watchingNote: String {
    let owner = peer.isOwned() ? "" : " (\(peer.userName ?? "uid \(peer.uid)"))"
    return "watching \(hello.name)\(owner) — read-only, `fork` to try it yourself"
  }

  /// The share as the forked session names it in its refusals.
  var origin: String { "\(peer.userName ?? "uid \(peer.uid)")'s share `\(hello.name)`" }

  /// Runs full screen until `quit`, Ctrl-D or a signal; after a `fork` it does not return
  /// (the student's session replaces this process) unless starting it fails.
  public func run() throws -> Int32 {
    let callbacks = TUICallbacks(
      onLine: { line in self.queue.async { self.handle(line) } },
      completions: { line, _ in
        let word = line.trimmingCharacters(in: .whitespaces).lowercased()
        return Self.commands.filter { $0.hasPrefix(word) }
      })
    let options = TUIOptions(
      fps: min(appearance.framesPerSecond, Self.maxFramesPerSecond),
      color: appearance.color,
      charset: appearance.asciiOnly ? .ascii : .unicode, prompt: Self.prompt,
      helpLines: Self.helpLines.map { StyledLine($0) }, environment: appearance.environment,
      graphics: appearance.pictures.graphics,
      graphicsThroughTmux: appearance.pictures.throughTmux,
      pngEncoder: TerminalPicture.pngEncoder)
    let app = TUIApp(options: options, callbacks: callbacks)
    lock.lock()
    self.app = app
    lock.unlock()
    try app.start()
    app.setStatus(StatusFields(message: watchingNote))
    note(
      app, peer.notice(share: hello.name), style: peer.isOwned() ? .dim : .warning)
    let reader = Thread { [self] in readFrames(into: app) }
    reader.name = "cnnrepl.watch.reader"
    reader.start()
    let reason = app.wait()
    shutdown(fd, Int32(SHUT_RDWR))
    if let plan = lock.withLock({ self.plan }) {
      let problem = ForkLauncher.exec(plan)
      StandardStreams.write("error: \(problem)\n", to: .error)
      return 1
    }
    if case .signal(let number) = reason { return 128 + number }
    return 0
  }

  /// `--watch --plain`: prints whose share it is, then cells and one line per training update
  /// until the teacher stops sharing (0) or sends a bad frame (1, the error on standard
  /// error). Each line is written at once, also into a pipe (line-buffered, never block-buffered).
  public func runPlain() -> Int32 {
    // One write per line: a pipe gets each line as it is printed, never a block later.
    func print(_ line: String) { StandardStreams.line(line) }
    for line in peer.notice(share: hello.name) { print(line) }
    let reader = FrameReader(fd: fd)
    var lastStatus = ""
    while true {
      let frame: ShareFrame
      do {
        guard let next = try reader.next() else { break }
        frame = next
      } catch {
        close(fd)
        StandardStreams.write("error: \(error)\n", to: .error)
        return 1
      }
      switch frame {
      case .push(.append(let cell)): for line in cell.lines { print(line.text) }
      case .push(.output(let lines, _)): for line in lines { print(line.text) }
      case .training(let update):
        training = update.applied(to: training, previousRun: trainingRun)
        trainingRun = update.run
        if let d = training {
          let status = "\(d.state) epoch \(d.epoch)/\(d.epochs) step \(d.step)/\(d.stepsPerEpoch)"
          if status != lastStatus { print("[training] \(status) points \(d.loss.count)") }
          lastStatus = status
        }
      default: break
      }
    }
    print("\(hello.name) stopped sharing")
    close(fd)
    return 0
  }

  static let helpLines = [
    "watching a shared session: you see the teacher's cells, model, training and pictures",
    "  fork    copy the session (script and weights) into your own session and go on there;",
    "          you see the script first and answer yes (run it) or no",
    "  help    this text",
    "  quit    stop watching (Ctrl-D too)",
    "PgUp/PgDn scroll the notebook; F2 F3 F4 the pictures; nothing you type reaches the teacher",
  ]

  // MARK: - Input (watch queue)

  private func handle(_ line: String) {
    guard let app = lock.withLock({ self.app }) else { return }
    let words = line.split(separator: " ").map { $0.lowercased() }
    switch words.first {
    case nil: return
    case "yes", "y", "no", "n":
      answer(words.first == "yes" || words.first == "y", app: app)
    case "fork":
      guard lock.withLock({ offered == nil }) else {
        return note(
          app, ["a copy is waiting for your answer: `yes` runs it, `no` drops it"], style: .warning)
      }
      guard !lock.withLock({ asked }) else {
        return note(app, ["asked already; the copy is on its way"], style: .dim)
      }
      lock.withLock { asked = true }
      note(app, ["asking \(hello.name) for a copy of the session…"], style: .dim)
      if !ShareSocket.sendAll(fd, ShareFrame.forkRequest.encoded()) {
        lock.withLock { asked = false }
        note(app, ["\(hello.name) is no longer sharing; nothing to fork"], style: .warning)
      }
    case "quit", "exit", "q":
      app.requestQuit()
    case "help", "?":
      note(app, Self.helpLines, style: .plain)
    default:
      note(
        app,
        ["read-only: this is \(hello.name)'s session; type `fork` to get your own copy"],
        style: .warning)
    }
  }

  /// The student's answer to an offered copy: `yes` writes it and starts it, `no` drops it.
  private func answer(_ yes: Bool, app: TUIApp) {
    guard
      let state = lock.withLock({ () -> ForkState? in
        defer { offered = nil }
        return offered
      })
    else {
      return note(
        app, ["no copy is waiting for an answer; type `fork` to ask for one"], style: .warning)
    }
    app.setPrompt(Self.prompt)
    guard yes else {
      lock.withLock { asked = false }
      return note(app, ["dropped the copy; nothing was run or written"], style: .dim)
    }
    do {
      let plan = try ForkLauncher.prepare(
        state, teacher: hello.name, origin: origin, options: forkOptions,
        dataDirectory: dataDirectory)
      lock.withLock { self.plan = plan }
      note(app, ["starting your own session on the copy…"], style: .success)
      app.requestQuit()
    } catch {
      lock.withLock { asked = false }
      note(app, ["cannot write the copy: \(error)"], style: .error)
    }
  }

  /// What the student sees before answering: whose copy it is and every line it would run.
  static func offer(_ state: ForkState, share: String, peer: SharePeer) -> [String] {
    var lines = ["\(share)'s copy has arrived; this script would run as you, in your own session:"]
    if !peer.isOwned() {
      lines.append("it comes from \(peer.who), another user, not you: read it before you answer")
    }
    lines += state.script.split(separator: "\n", omittingEmptySubsequences: false)
      .map { "  │ \($0)" }
    if !state.weights.isEmpty { lines.append("  │ load model (the teacher's weights)") }
    lines.append("force=yes in it may replace files only in the copy's own folder")
    lines.append("type `yes` to run it, `no` to drop it")
    return lines
  }

  /// The watcher's own note; it keeps its first line in view (a fork's script and question,
  /// the share ending) even under a teacher's cell taller than the pane.
  private func note(_ app: TUIApp, _ lines: [String], style: TextStyle) {
    app.append(
      NotebookCell(
        number: nil, command: "", output: lines.map { StyledLine($0, style: style) },
        keepsInView: true))
  }

  // MARK: - Frames (reader thread)

  private func readFrames(into app: TUIApp) {
    let reader = FrameReader(fd: fd)
    do {
      while let frame = try reader.next() { apply(frame, to: app) }
      note(app, ["\(hello.name) stopped sharing; `quit` to leave"], style: .warning)
    } catch {
      // A bad frame: disconnect cleanly (the teacher sees the watcher leave) and say why.
      shutdown(fd, Int32(SHUT_RDWR))
      note(app, ["\(error)", "`quit` to leave"], style: .error)
    }
    lock.withLock { asked = false }
    app.setStatus(StatusFields(message: "\(hello.name) is no longer sharing"))
  }

  private func apply(_ frame: ShareFrame, to app: TUIApp) {
    switch frame {
    case .push(.status(var fields)):
      fields.message = watchingNote
      app.setStatus(fields)
    case .push(let push):
      app.apply(push)
    case .training(let update):
      training = update.applied(to: training, previousRun: trainingRun)
      trainingRun = update.run
      app.setTraining(training)
    case .forkState(let state):
      // Nothing is written or run before the student has read the script and said yes.
      lock.withLock { offered = state }
      note(app, Self.offer(state, share: hello.name, peer: peer), style: .warning)
      app.setPrompt(Self.offerPrompt)
    case .forkRefused(let reason):
      lock.withLock { asked = false }
      note(app, ["\(hello.name) cannot give a copy now: \(reason)"], style: .warning)
    case .hello, .forkRequest:
      break
    }
  }
}
