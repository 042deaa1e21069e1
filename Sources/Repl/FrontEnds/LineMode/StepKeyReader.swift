import Foundation

/// One key press for `--step` in line mode: Enter or space advances, `q` (or Ctrl-D, or the
/// end of input) stops; keys typed before the step was shown do not count.
///
/// At a terminal the key is read without waiting for Enter (canonical mode and echo off for
/// that one read, restored at once); from a pipe a whole line is read (empty advances).
public enum StepKeyReader {
  /// What a key press means in step mode.
  public enum Answer: Equatable, Sendable {
    case advance, stop
  }

  /// `byte` read from the terminal as an answer; nil for keys step mode ignores.
  public static func answer(forByte byte: UInt8) -> Answer? {
    switch byte {
    case 10, 13, 32: return .advance
    case UInt8(ascii: "q"), UInt8(ascii: "Q"), 4: return .stop
    default: return nil
    }
  }

  /// `line` read from a pipe as an answer (a blank line advances, `q` stops, anything else
  /// advances too, as Enter would).
  public static func answer(forLine line: String?) -> Answer {
    guard let line else { return .stop }
    return line.trimmingCharacters(in: .whitespaces).lowercased() == "q" ? .stop : .advance
  }

  /// Reads the next answer from standard input, ignoring keys that mean nothing here.
  ///
  /// At a terminal, keys typed before the step was shown (during a training, say) are
  /// dropped first: a key runs only the step it was pressed for, never the next one unseen.
  public static func read() -> Answer {
    guard isatty(STDIN_FILENO) != 0 else { return answer(forLine: Swift.readLine()) }
    tcflush(STDIN_FILENO, TCIFLUSH)
    var saved = termios()
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return answer(forLine: Swift.readLine()) }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    while true {
      var byte: UInt8 = 0
      let count = Foundation.read(STDIN_FILENO, &byte, 1)
      if count < 0, errno == EINTR { continue }
      guard count == 1 else { return .stop }
      if let answer = answer(forByte: byte) { return answer }
    }
  }
}
