import ArgumentParser
import Foundation
import FrontEnds
import Repl

/// The `cnnrepl [--plain] [--step] [FILE.cnn]` command line.
struct InteractiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "interactive",
    abstract: "Interactive session (the default): full screen at a terminal, else line mode.")

  @Flag(help: "Line mode (readline prompt) even at a terminal.")
  var plain = false

  @Flag(help: "Demo mode: show the next command of FILE and run it on Enter or space.")
  var step = false

  @Argument(help: "A session script to replay first.", completion: .file(extensions: ["cnn"]))
  var file: String?

  @Option(
    help: ArgumentHelp(
      "Save the weights every N training steps (and each epoch's end) beside the journal.",
      discussion: "After a crash, `recover` in the next cnnrepl loads them with the commands."))
  var autosave: Int?

  @OptionGroup var common: CommonOptions

  @OptionGroup var sharing: ShareOptions

  func validate() throws {
    if step, file == nil { throw ValidationError("--step needs a FILE.cnn to step through") }
    if let autosave, autosave < 1 { throw ValidationError("--autosave must be 1 or more steps") }
  }

  /// What a session at a terminal says first: config lines ignored, and files moved from the
  /// home folder to the XDG state folder (once).
  func startupNotices() -> [String] {
    common.configNotices + LegacyStateMigration.run(common.locations)
  }

  /// This process's journal, with `--autosave` writing beside it.
  func makeJournal(for session: Session) -> CommandJournal? {
    let journal = CommandJournal.standard(environment: ProcessInfo.processInfo.environment)
    if let journal, let autosave {
      Autosave.install(every: autosave, path: journal.checkpointPath, session: session)
    }
    return journal
  }

  func run() throws {
    if let target = sharing.watch {
      let status = try runWatch(target)
      if status != 0 { throw ExitCode(status) }
      return
    }
    if sharing.share != nil, plain || !TUIFrontEnd.canRun {
      throw ValidationError("--share needs the full-screen UI (a terminal, no --plain)")
    }
    if !plain, TUIFrontEnd.canRun, let status = try runFullScreen() {
      if status != 0 { throw ExitCode(status) }
      return
    }
    let piped = isatty(STDIN_FILENO) == 0
    let presenter = PlainPresenter.standard(
      useColor: common.useColor, errorsToStandardError: piped,
      pictures: common.pictureOutput(fallback: piped ? .text : .auto))
    let session = Session(options: common.sessionOptions(mode: .interactive), presenter: presenter)
    // Whatever runs, the training is joined before the process ends (DECISIONS.md "Leaving is
    // always clean"); signals leave through LeaveOnSignal, quit and Ctrl-D through here.
    defer { session.trainer.stopAndJoin() }
    if let file, step {
      // Ctrl-C stops a step's training and the demo goes on; with none running it leaves.
      let signals = LeaveOnSignal(
        trainer: session.trainer, signals: [SIGTERM, SIGHUP, SIGINT],
        interruptStopsTraining: true)
      signals.start()
      let status = LineModeLoop.runStepping(
        session: session, text: try readScript(file), name: file)
      if status != 0 { throw ExitCode(status) }
      return
    }
    if piped {
      for notice in common.configNotices { StandardStreams.write("note: \(notice)\n", to: .error) }
      LeaveOnSignal(trainer: session.trainer, signals: [SIGTERM, SIGHUP, SIGINT]).start()
      if let file {
        _ = try runFile(file, in: session, echo: true)
        if session.quitRequested { return }
      }
      let status = LineModeLoop.runPiped(session: session)
      if status != 0 { throw ExitCode(status) }
      return
    }
    // At a terminal: journaled (earlier sessions that ended without `quit` are announced for
    // `recover`), then FILE, then the prompt. Ctrl-C is readline's (it clears the line or
    // stops the training); TERM and HUP leave after joining the training.
    for notice in startupNotices() { StandardStreams.line(notice) }
    let editor = ReadlineEditor(historyPath: LegacyStateMigration.historyPath(common.locations))
    LeaveOnSignal(trainer: session.trainer) {
      ReadlineEditor.releaseTerminal()
      StandardStreams.write("\n")  // off the prompt's line
    }.start()
    let journal = makeJournal(for: session)
    if let journal { LineModeLoop.startJournal(journal, session: session) }
    if let file, !session.quitRequested {
      // FILE's trainings block; Ctrl-C stops them (not the program), as at the prompt.
      session.interruptCheck = { editor.takeInterrupt() }
      _ = try runFile(file, in: session, echo: true)
      session.interruptCheck = nil
    }
    if !session.quitRequested {
      _ = LineModeLoop.runInteractive(session: session, editor: editor, journal: journal)
    }
    session.trainer.stopAndJoin()
    journal?.remove()
  }
}

extension InteractiveCommand {
  /// The full-screen UI (stdin and stdout are terminals, no `--plain`); returns the exit
  /// status (0, or 128 + the signal that ended it), or nil when ncurses cannot start on this
  /// terminal (the caller falls back to line mode; nothing has run yet).
  func runFullScreen() throws -> Int32? {
    let script = try file.map { try readScript($0) }
    var options = common.sessionOptions(mode: .interactive)
    options.snapshotEvery = TUIFrontEnd.snapshotEvery
    let session = Session(options: options, presenter: RecordingPresenter())
    let environment = ProcessInfo.processInfo.environment
    let frontEnd = TUIFrontEnd(
      session: session,
      appearance: TUIFrontEnd.Appearance(
        color: common.color, asciiOnly: common.charset == .ascii,
        framesPerSecond: common.fps, environment: environment, mouse: common.mouse,
        pictures: common.pictureOutput(fallback: .auto)),
      journal: makeJournal(for: session),
      historyPath: LegacyStateMigration.historyPath(common.locations),
      notices: startupNotices())
    let publisher = try startSharing(frontEnd)
    defer { publisher?.stop() }
    do {
      return try frontEnd.run(scriptText: script, scriptName: file ?? "", step: step)
    } catch {
      StandardStreams.write("note: \(error); using line mode\n", to: .error)
      return nil
    }
  }
}

/// Reads a script for the command line, or exits 1 with `error: …` on standard error.
func readScript(_ path: String) throws -> String {
  do {
    return try FileAccess.readText(path, command: "cnnrepl")
  } catch {
    StandardStreams.write("error: \(error)\n", to: .error)
    throw ExitCode.failure
  }
}

/// Runs the script at `path` in `session`, or exits 1 with `error: …` if it cannot be read.
func runFile(_ path: String, in session: Session, echo: Bool, keepGoing: Bool = false) throws
  -> ScriptResult
{
  do {
    return try session.runScript(atPath: path, echo: echo, keepGoing: keepGoing)
  } catch {
    StandardStreams.write("error: \(error)\n", to: .error)
    throw ExitCode.failure
  }
}
