import Foundation

/// The real `cnnrepl` in a tmux pane of its own (unique `-L` socket), with a temporary HOME
/// and no `XDG_STATE_HOME`, so history and journal land in that HOME.
///
/// When the program exits the pane prints `EXIT=<status>` and keeps a shell, so a test can
/// check the terminal was restored.
package final class TUITerminal {
  package let tmux: Tmux
  package let home: URL
  private let pidFile: String

  package static var available: Bool { Tmux.available && Executable.available }

  /// With `wrapper`, the program runs under it (`wrapper… cnnrepl arguments…`), e.g. the
  /// fake kitty terminal.
  package init(
    _ arguments: [String] = [], home: URL? = nil, environment: String = "", wrapper: [String] = []
  ) throws {
    let home = home ?? Paths.temporaryFolder("cnnrepl-home")
    self.home = home
    pidFile = home.appendingPathComponent("cnnrepl-\(UUID().uuidString.prefix(8)).pid").path
    let binary = Executable.url?.path ?? "cnnrepl"
    let command =
      "sh -c 'echo $$ > \(pidFile); exec env HOME=\(home.path) XDG_STATE_HOME= XDG_CACHE_HOME= XDG_CONFIG_HOME= LANG=C.UTF-8 "
      + "TERM=tmux-256color COLORTERM= NO_COLOR= \(environment) "
      + (wrapper + [binary]).joined(separator: " ") + " "
      + arguments.joined(separator: " ") + "'; echo EXIT=$?; PS1='$ ' exec sh"
    tmux = try Tmux(command: command)
  }

  /// A test helper built beside `cnnrepl` (`fake-kitty-terminal`, `tui-demo`).
  package static func helper(_ name: String) -> String? {
    guard let folder = Executable.url?.deletingLastPathComponent() else { return nil }
    let path = folder.appendingPathComponent(name).path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }

  /// The state folder holding every process's journal (`~/.local/state/cnnrepl`).
  package var journalFolder: String { home.appendingPathComponent(".local/state/cnnrepl").path }

  /// The journals in ``journalFolder`` (`journal-<pid>-<time>.cnn`), sorted by name.
  package var journals: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: journalFolder)) ?? []
    return names.filter { $0.hasPrefix("journal-") && $0.hasSuffix(".cnn") }.sorted().map {
      (journalFolder as NSString).appendingPathComponent($0)
    }
  }

  /// This program's journal (`journal-<pid>-…`).
  package var journalPath: String? {
    guard let pid else { return nil }
    return journals.first { ($0 as NSString).lastPathComponent.hasPrefix("journal-\(pid)-") }
  }
  package var historyPath: String { home.appendingPathComponent(".local/state/cnnrepl/history").path }

  package var screen: String { tmux.screen }

  /// The screen with SGR escapes (`capture-pane -e`).
  package var screenWithEscapes: String {
    let file = home.appendingPathComponent("screen-e.txt").path
    tmux.run(["capture-pane", "-p", "-e", "-t", tmux.name], output: file)
    return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
  }

  /// A tmux format of the pane, e.g. `#{mouse_any_flag}` (1 while the program asks for mouse
  /// reports).
  package func format(_ text: String) -> String {
    let file = home.appendingPathComponent("format.txt").path
    tmux.run(["display-message", "-p", "-t", tmux.name, text], output: file)
    return ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Sends raw bytes as if the terminal had (e.g. a mouse report).
  package func sendBytes(_ bytes: [UInt8]) throws {
    try tmux.send(["-H"] + bytes.map { String($0, radix: 16) })
  }

  /// Types `text` literally (no Enter).
  package func type(_ text: String) throws { try tmux.send("-l", text) }

  /// Types `line` and presses Enter.
  package func enter(_ line: String) throws {
    try type(line)
    try tmux.send("Enter")
  }

  package func press(_ keys: String...) throws {
    for key in keys { try tmux.send(key) }
  }

  package func resize(width: Int, height: Int) {
    tmux.run(["resize-window", "-t", tmux.name, "-x", "\(width)", "-y", "\(height)"])
  }

  @discardableResult
  package func wait(_ text: String, seconds: Double = 30) -> Bool {
    tmux.wait(seconds: seconds) { $0.contains(text) }
  }

  @discardableResult
  package func wait(seconds: Double = 30, until condition: (String) -> Bool) -> Bool {
    tmux.wait(seconds: seconds, until: condition)
  }

  /// The program's process id (the `sh -c` that wrote it `exec`s into cnnrepl).
  package var pid: Int32? {
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
        let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return pid
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
  }

  /// Whether the pane's shell works after the program left: canonical mode and echo are on.
  package func terminalIsSane() throws -> Bool {
    try enter("stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo END")
    wait(seconds: 5) {
      $0.contains("icanon echo END") || $0.contains("-icanon") || $0.contains("-echo ")
    }
    return screen.contains("icanon echo END")
  }

  /// Waits for the TUI's input line to be up.
  @discardableResult
  package func waitForStart() -> Bool { wait("F1 help") }
}
