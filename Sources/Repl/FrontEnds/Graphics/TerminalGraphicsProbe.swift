import Foundation
import Rendering

/// Asks the terminal on standard input/output what it can show (``TerminalGraphicsAnswer``),
/// and tmux, when inside it, whether it passes escapes through (``TmuxGraphics``).
///
/// The wait ends when the DA1 answer has come (every terminal answers it), or after
/// ``patience`` when nothing answers (a terminal emulator that ignores DA1 is rare; the time
/// bounds only the start-up).
public enum TerminalGraphicsProbe {
  /// Longest wait for the terminal's answer.
  public static let patience: TimeInterval = 1.0

  /// Sends the query and reads the answer; nil when standard input or output is not a
  /// terminal. Whatever else arrived meanwhile (a key, a late answer) is dropped with it, so
  /// none of it reaches the prompt. Not used inside tmux: tmux answers DA1 itself at once.
  public static func ask() -> TerminalGraphicsAnswer? {
    guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { return nil }
    var saved = termios()
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 0
      cc[Int(VTIME)] = 0
    }
    tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    defer {
      tcflush(STDIN_FILENO, TCIFLUSH)
      tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }
    let query = Array(TerminalGraphicsAnswer.query.utf8)
    _ = query.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    var received: [UInt8] = []
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(patience * 1e9)
    while received.count < 4096 {
      let now = DispatchTime.now().uptimeNanoseconds
      guard now < deadline else { break }
      var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(max(1, (deadline - now) / 1_000_000)))
      if ready < 0, errno == EINTR { continue }
      guard ready > 0 else { break }
      var buffer = [UInt8](repeating: 0, count: 512)
      let count = read(STDIN_FILENO, &buffer, buffer.count)
      guard count > 0 else { break }
      received += buffer[0..<count]
      if TerminalGraphicsAnswer.parse(received).complete { break }
    }
    return TerminalGraphicsAnswer.parse(received)
  }

  /// What tmux says (`tmux display -p`), nil outside tmux or when tmux does not answer.
  public static func tmux(environment: [String: String]) -> TmuxGraphics? {
    guard environment["TMUX"] != nil else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["tmux", "display-message", "-p", TmuxGraphics.format]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return TmuxGraphics(answer: String(decoding: data, as: UTF8.self))
  }

  /// The terminal's size in cells and its cell in pixels (``CellPixels/standard`` when the
  /// terminal does not say); 80 columns when standard output is not a terminal.
  public static func windowSize() -> (columns: Int, rows: Int, cell: CellPixels) {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
      return (80, 24, .standard)
    }
    let cell = CellPixels.of(
      columns: Int(size.ws_col), rows: Int(size.ws_row), pixelWidth: Int(size.ws_xpixel),
      pixelHeight: Int(size.ws_ypixel))
    return (Int(size.ws_col), Int(size.ws_row), cell)
  }

  /// How pictures go to this process's standard output for `choice`: a named protocol as it
  /// is, `auto` by asking (``GraphicsDetection``); `auto` is text unless standard input and
  /// output are both terminals.
  public static func resolve(_ choice: GraphicsChoice) -> PictureOutput {
    let environment = ProcessInfo.processInfo.environment
    let isTerminal = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
    let tmux = tmux(environment: environment)
    var answer: TerminalGraphicsAnswer?
    if GraphicsDetection.shouldQuery(choice: choice, environment: environment, isTerminal: isTerminal)
    {
      answer = ask()
    }
    let detected = GraphicsDetection.detect(
      choice: .auto, environment: environment, isTerminal: isTerminal,
      answer: answer, tmux: tmux)
    var output = PictureOutput(
      graphics: choice.named ?? detected, detected: detected,
      // Escapes go wrapped only to tmux's own pane, never into a file or pipe.
      throughTmux: environment["TMUX"] != nil && isatty(STDOUT_FILENO) != 0, windowSize: {
        let size = windowSize()
        return (size.columns, size.cell)
      })
    if output.graphics.drawsPixels, output.throughTmux, tmux?.passthrough != true {
      output.notice =
        "inside tmux, \(output.graphics.rawValue) images need `tmux set -g allow-passthrough on`"
        + " (tmux drops them now)"
    }
    return output
  }
}
