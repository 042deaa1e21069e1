import ArgumentParser
import Foundation
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

  @Argument(help: "A session script to replay first.")
  var file: String?

  @OptionGroup var common: CommonOptions

  func validate() throws {
    if step, file == nil { throw ValidationError("--step needs a FILE.cnn to step through") }
  }

  func run() throws {
    if !plain, TUIFrontEnd.canRun, let status = try runFullScreen() {
      if status != 0 { throw ExitCode(status) }
      return
    }
    let piped = isatty(STDIN_FILENO) == 0
    let presenter = PlainPresenter.standard(useColor: common.useColor, errorsToStandardError: piped)
    let session = Session(options: common.sessionOptions(mode: .interactive), presenter: presenter)
    if let file {
      if step {
        let status = LineModeLoop.runStepping(
          session: session, text: try readScript(file), name: file)
        if status != 0 { throw ExitCode(status) }
        return
      }
      _ = try runFile(file, in: session, echo: true)
      if session.quitRequested { return }
    }
    if piped {
      let status = LineModeLoop.runPiped(session: session)
      if status != 0 { throw ExitCode(status) }
      return
    }
    let editor = ReadlineEditor(historyPath: ReadlineEditor.defaultHistoryPath)
    _ = LineModeLoop.runInteractive(session: session, editor: editor)
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
        color: common.color.rawValue, asciiOnly: common.charset == .ascii,
        framesPerSecond: common.fps, environment: environment, mouse: common.mouse),
      journal: CommandJournal.standard(environment: environment),
      historyPath: ReadlineEditor.defaultHistoryPath)
    do {
      return try frontEnd.run(scriptText: script, scriptName: file ?? "", step: step)
    } catch {
      FileHandle.standardError.write(Data("note: \(error); using line mode\n".utf8))
      return nil
    }
  }
}

/// Reads a script for the command line, or exits 1 with `error: …` on standard error.
func readScript(_ path: String) throws -> String {
  do {
    return try FileAccess.readText(path, command: "cnnrepl")
  } catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
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
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    throw ExitCode.failure
  }
}
