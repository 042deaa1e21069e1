import Foundation

/// A detached 80x24 tmux session running one command, read back with `capture-pane`, on a
/// private server socket (`-L`) so it never meets other tmux users.
///
/// tmux is started with `posix_spawn` + `waitpid`, not `Process`: Foundation notices a child's
/// exit through a descriptor the daemonised tmux server would inherit and keep open, and its
/// children would inherit a blocked signal mask.
package final class Tmux {
  package let name: String
  private let outputFile: String

  package static var available: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
  }

  package init(command: String) throws {
    name = "cnnrepl-test-\(UUID().uuidString.prefix(8))"
    outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).out").path
    guard run(["new-session", "-d", "-s", name, "-x", "80", "-y", "24", command]) == 0 else {
      throw CocoaError(.executableLoad)
    }
  }

  deinit {
    run(["kill-server"])
    try? FileManager.default.removeItem(atPath: outputFile)
  }

  package func send(_ keys: String...) throws { try send(keys) }

  package func send(_ keys: [String]) throws {
    guard run(["send-keys", "-t", name] + keys) == 0 else { throw CocoaError(.executableLoad) }
  }

  package var screen: String {
    guard run(["capture-pane", "-p", "-t", name], output: outputFile) == 0 else { return "" }
    return (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
  }

  package var isRunning: Bool { run(["has-session", "-t", name]) == 0 }

  /// Waits up to `seconds` for `condition` on the screen text. The default is generous: a
  /// state that arrives returns at once, and only a test that is failing anyway waits it out,
  /// so a loaded machine (CI with two cores, a build beside it) does not fail a good test.
  @discardableResult
  package func wait(seconds: Double = 30, until condition: (String) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition(screen) { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return condition(screen)
  }

  /// Runs `tmux -L NAME arguments…` with standard output to `output` (or /dev/null); returns
  /// the exit status.
  @discardableResult
  package func run(_ arguments: [String], output: String = "/dev/null") -> Int32 {
    let argv = ["/usr/bin/tmux", "-L", name, "-f", "/dev/null"] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    let cArguments = argv.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ) == 0 else {
      return -1
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
  }
}
