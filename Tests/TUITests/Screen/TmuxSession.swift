import Foundation

/// A tmux server of its own (unique `-L` socket) running one command in a detached session,
/// for tests that look at the real screen the way a person would.
final class TmuxSession {
  static var tmuxPath: String? {
    ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// The tui-demo binary next to the test bundle (built by `swift build`), or
  /// `$CNNREPL_TUI_DEMO`.
  static var demoPath: String? {
    if let path = ProcessInfo.processInfo.environment["CNNREPL_TUI_DEMO"] { return path }
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("tui-demo").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return nil
  }

  static var available: Bool { tmuxPath != nil && demoPath != nil }

  let socket: String
  let pidFile: String

  /// Starts `tui-demo arguments` in a `width`x`height` session; when it exits the pane prints
  /// `EXIT=<status>` and keeps a shell for checking the terminal state.
  init(_ name: String, width: Int = 80, height: Int = 24, arguments: [String] = []) throws {
    let unique = "\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    socket = "cnnrepl-tui-\(unique)"
    pidFile = NSTemporaryDirectory() + "cnnrepl-tui-\(unique).pid"
    let demo = Self.demoPath ?? "tui-demo"
    let args = arguments.joined(separator: " ")
    let command =
      "sh -c 'echo $$ > \(pidFile); exec env LANG=C.UTF-8 TERM=tmux-256color COLORTERM= "
      + "NO_COLOR= \(demo) \(args)'; echo EXIT=$?; PS1='$ ' exec sh"
    try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
      "-s", "main", command])
  }

  deinit {
    _ = try? tmux(["kill-server"])
    try? FileManager.default.removeItem(atPath: pidFile)
  }

  /// Runs tmux on this session's socket with posix_spawn + waitpid (Foundation's Process can
  /// miss child exits when many run in parallel); captures stdout only for `capture-pane`
  /// (new-session forks a server that would keep an output pipe open forever).
  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let argv = ([Self.tmuxPath ?? "/usr/bin/tmux", "-L", socket] + arguments).map { strdup($0) }
    let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    let capture = arguments.contains("capture-pane")
    var fds: [Int32] = [-1, -1]
    if capture { guard pipe(&fds) == 0 else { throw TmuxError.spawnFailed } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    if capture {
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
      posix_spawn_file_actions_addclose(&actions, fds[0])
      posix_spawn_file_actions_addclose(&actions, fds[1])
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    // The test runner's threads block signals; tmux and the demo must start with none blocked
    // and default handlers, as from a shell.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    var all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let status = posix_spawn(
      &pid, Self.tmuxPath ?? "/usr/bin/tmux", &actions, &attributes, argv + [nil], envp + [nil])
    if capture { close(fds[1]) }
    guard status == 0 else {
      if capture { close(fds[0]) }
      throw TmuxError.spawnFailed
    }
    var output = [UInt8]()
    if capture {
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while true {
        let n = read(fds[0], &buffer, buffer.count)
        if n <= 0 { break }
        output += buffer[0..<n]
      }
      close(fds[0])
    }
    var exitStatus: Int32 = 0
    while waitpid(pid, &exitStatus, 0) == -1 && errno == EINTR {}
    return String(decoding: output, as: UTF8.self)
  }

  /// Types `text` literally.
  func type(_ text: String) throws { try tmux(["send-keys", "-t", "main", "-l", text]) }

  /// Sends key names (`Enter`, `Tab`, `C-c`, `F2`, `NPage`).
  func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }

  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
  }

  /// The visible screen; with `escapes`, including SGR colour and attribute codes.
  func screen(escapes: Bool = false) throws -> String {
    try tmux(["capture-pane", "-p", "-t", "main"] + (escapes ? ["-e"] : []))
  }

  /// Polls the screen every 50 ms until `condition` holds (or 10 s pass); returns the last screen.
  @discardableResult
  func waitFor(timeout: Double = 10, escapes: Bool = false, _ condition: (String) -> Bool) throws
    -> String
  {
    let deadline = Date().addingTimeInterval(timeout)
    var last = try screen(escapes: escapes)
    while !condition(last), Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
      last = try screen(escapes: escapes)
    }
    return last
  }

  /// Waits for `text` to appear; returns whether it did.
  func waitFor(_ text: String, timeout: Double = 10) throws -> Bool {
    try waitFor(timeout: timeout) { $0.contains(text) }.contains(text)
  }

  /// The demo's process id (it `exec`s in place of the `sh -c` that wrote it).
  func demoPid() throws -> Int32? {
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

  /// Whether the pane's shell works after the program left: it echoes typed text and the tty
  /// is back in canonical mode with echo on.
  func terminalIsSane() throws -> Bool {
    try type("stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo END")
    try press("Enter")
    let screen = try waitFor { $0.contains("icanon echo END") || $0.contains("-icanon") }
    return screen.contains("icanon echo END")
  }

  /// The line the input prompt is on (`> …`), trimmed on the right.
  func inputLine() throws -> String {
    let lines = try screen().split(separator: "\n", omittingEmptySubsequences: false)
    return lines.last { $0.hasPrefix("> ") || $0 == ">" }.map {
      String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    } ?? ""
  }
}
