import Foundation
import Rendering

/// The one way text reaches standard output or standard error outside the full-screen UI
/// (`run`, line mode, `--plain`, `--watch --plain`, start-up notes): every line goes through
/// ``TerminalText`` first, so an escape sequence in a script, a file name or a share's cell is
/// shown (`^[`) instead of obeyed. Our own colour (`error:` in red) is added after that.
public enum StandardStreams {
  public enum Stream: Sendable { case output, error }

  /// Writes `text` (newlines kept, every other control shown) and nothing else.
  public static func write(_ text: String, to stream: Stream = .output) {
    raw(TerminalText.multiline(text), to: stream)
  }

  /// Writes `line` and a newline, in one system call (a pipe gets whole lines as they come).
  public static func line(_ line: String, to stream: Stream = .output) {
    raw(TerminalText.multiline(line) + "\n", to: stream)
  }

  /// Writes already-safe text (our own escapes) as it is.
  static func raw(_ text: String, to stream: Stream) {
    let handle = stream == .output ? FileHandle.standardOutput : FileHandle.standardError
    handle.write(Data(text.utf8))
  }
}
