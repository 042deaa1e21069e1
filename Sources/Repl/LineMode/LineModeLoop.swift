import Foundation

/// The line-mode REPL: reads lines (readline at a terminal, plain reads from a pipe), runs them
/// in the session and stops on `quit` or end of input.
public enum LineModeLoop {
  /// The prompt shown by readline.
  public static let prompt = "cnn> "

  /// Runs the interactive loop at a terminal and returns the exit status (0).
  public static func runInteractive(session: Session, editor: ReadlineEditor) -> Int32 {
    print("cnnrepl \(CnnreplVersion.string) — type `help` for commands, Ctrl-D to quit")
    while !session.quitRequested {
      _ = editor.takeInterrupt()
      guard let line = editor.readLine(prompt: prompt) else {
        print("")
        break
      }
      session.execute(line)
    }
    return 0
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

  /// `--step FILE`: shows each command of the script, runs it when Enter is pressed; `q` stops.
  public static func runStepping(
    session: Session, text: String, name: String, readKey: () -> String? = { Swift.readLine() }
  ) -> Int32 {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let total = lines.filter { !CommandParser.words(of: $0).isEmpty }.count
    var step = 0
    for (index, line) in lines.enumerated() {
      if session.quitRequested { break }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard !CommandParser.words(of: line).isEmpty else {
        if !trimmed.isEmpty { session.presenter.present(.echo(trimmed)) }
        continue
      }
      step += 1
      FileHandle.standardOutput.write(
        Data("[\(step)/\(total)] > \(trimmed)   (Enter runs, q stops) ".utf8))
      guard let key = readKey(), key.lowercased() != "q" else { return 0 }
      session.execute(line, location: ScriptLocation(file: name, line: index + 1))
    }
    return 0
  }
}
