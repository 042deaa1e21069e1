import Foundation
import ModelFiles
import Repl

/// The line-mode REPL: reads lines (readline at a terminal, plain reads from a pipe), runs them
/// in the session and stops on `quit` or end of input.
public enum LineModeLoop {
  /// The prompt shown by readline.
  public static let prompt = "cnn> "

  /// Runs the interactive loop at a terminal and returns the exit status (0).
  ///
  /// `journal` is this process's (``startJournal(_:session:)``): `recover` replays a left-over
  /// journal here, between two prompts, and its autosaved weights move beside it.
  public static func runInteractive(
    session: Session, editor: ReadlineEditor, journal: CommandJournal? = nil
  ) -> Int32 {
    StandardStreams.line("cnnrepl \(CnnreplVersion.string) — type `help` for commands, Ctrl-D to quit")
    session.interruptCheck = { editor.takeInterrupt() }
    var progress = ""
    editor.setIdleHandler { [unowned session] in
      progress = showTraining(session: session, editor: editor, progress: progress)
    }
    defer {
      editor.setIdleHandler(nil)
      session.interruptCheck = nil
    }
    while !session.quitRequested {
      _ = editor.takeInterrupt()
      if !session.isTraining {
        // Lines of a training that ended while a command ran.
        let update = session.drainTraining()
        for line in update.lines { StandardStreams.line(line) }
        progress = ""
      }
      guard let line = editor.readLine(prompt: progress + prompt) else {
        StandardStreams.line("")
        break
      }
      session.execute(line)
      if let leftOver = session.recovery.takePending() {
        recover(leftOver, session: session, journal: journal)
      }
    }
    return 0
  }

  /// Starts `journal` for `session` (every top-level command is recorded before it runs) and
  /// says so when earlier sessions ended without `quit`: `recover` replays them, and they stay
  /// on the disk until this session quits. Never asks anything: the prompt is free at once.
  public static func startJournal(_ journal: CommandJournal, session: Session) {
    if let warning = journal.begin() { StandardStreams.line(warning) }
    session.willExecute = { journal.record($0) }
    let leftOvers = journal.claimLeftOvers()
    session.recovery.leftOvers = leftOvers
    for line in JournalRecovery.notice(leftOvers) { StandardStreams.line(line) }
  }

  /// Replays `leftOver` in `session` as a script that goes on after errors (the journal keeps
  /// the typos too), each line echoed; with autosaved weights, loads them at the end.
  static func recover(_ leftOver: LeftOverJournal, session: Session, journal: CommandJournal?) {
    let weights = journal?.adoptCheckpoint(of: leftOver) ?? leftOver.checkpoint
    let script = JournalRecovery(leftOver: leftOver).script(weights: weights)
    session.runScript(
      text: script.joined(separator: "\n"), name: JournalRecovery.scriptName, echo: true,
      keepGoing: true)
  }

  /// The idle tick while the prompt waits; returns the progress text now in front of the prompt.
  ///
  /// Ctrl-C stops a training; epoch lines go above the prompt and the live progress into it
  /// (the typed text stays as it is).
  static func showTraining(session: Session, editor: ReadlineEditor, progress: String) -> String {
    guard session.isTraining || session.trainer.events.pendingCount > 0 else {
      if !progress.isEmpty { editor.setPrompt(prompt) }
      return ""
    }
    if session.isTraining, editor.takeInterrupt() { session.trainer.stop() }
    let update = session.drainTraining()
    editor.printAbovePrompt(update.lines)
    var now = update.progress ?? progress
    if update.ended { now = "" }
    if now != progress { editor.setPrompt(now + prompt) }
    return now
  }

  /// Reads lines from a non-terminal standard input without echo or prompt.
  ///
  /// Returns 1 if any command failed, else 0.
  public static func runPiped(session: Session, readLine: () -> String? = { Swift.readLine() })
    -> Int32
  {
    var failed = false
    while !session.quitRequested, let line = readLine() {
      if case .failed = session.execute(line) { failed = true }
    }
    return failed ? 1 : 0
  }

  /// `--step FILE`: shows each command of the script, runs it when Enter or space is pressed;
  /// `q` stops. A `train` blocks until its training ends (Ctrl-C stops it through
  /// ``LeaveOnSignal``), so the next step sees the trained model; a failed step says so before
  /// the next one is shown.
  public static func runStepping(
    session: Session, text: String, name: String,
    readKey: () -> StepKeyReader.Answer = { StepKeyReader.read() }
  ) -> Int32 {
    let lines = ScriptLines.split(text)
    let total = lines.filter { !CommandParser.words(of: $0).isEmpty }.count
    // A demo shows each result before the next step: `train` blocks here too.
    let background = session.trainsInBackground
    session.trainsInBackground = false
    defer { session.trainsInBackground = background }
    // Its relative paths (`data csv data/x.csv`) are found next to it, as in `run FILE`.
    session.frontEndScriptFolder = (name as NSString).deletingLastPathComponent
    defer { session.frontEndScriptFolder = nil }
    var step = 0
    for (index, line) in lines.enumerated() {
      if session.quitRequested { break }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard !CommandParser.words(of: line).isEmpty else {
        if !trimmed.isEmpty {
          session.presenter.present(.echo(trimmed))
          session.execute(trimmed)  // a comment: recorded as the notebook's prose, nothing runs
        }
        continue
      }
      step += 1
      StandardStreams.write("[\(step)/\(total)] > \(trimmed)   (Enter or space runs, q stops) ")
      let answer = readKey()
      StandardStreams.write("\n")
      guard answer == .advance else { return 0 }
      let outcome = session.execute(line, location: ScriptLocation(file: name, line: index + 1))
      if case .failed = outcome, step < total, !session.quitRequested {
        let note = StepNotes.failed(step: step, of: total, command: trimmed)
        StandardStreams.write((note + "\n"))
      }
    }
    return 0
  }
}
