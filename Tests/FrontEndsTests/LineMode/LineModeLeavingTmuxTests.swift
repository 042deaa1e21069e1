import Foundation
import ReplTestSupport
import Testing

/// Line mode and batch runs leave a training cleanly too: `--plain` at a terminal (`quit`,
/// Ctrl-D, SIGTERM, SIGHUP during a background training), piped input and `cnnrepl run`
/// (SIGTERM, SIGINT, SIGHUP during a blocking training): the training stops between two
/// batches and is joined, the exit status is 0 or 128 + the signal, never a crash.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct LineModeLeavingTmuxTests {
  /// A script that trains long, then would evaluate (a run stopped by a signal never does).
  static func longScript() throws -> URL {
    let script = Paths.temporaryFolder("cnnrepl-script").appendingPathComponent("long.cnn")
    try (TUITerminal.longTraining + ["eval"]).joined(separator: "\n").appending("\n").write(
      to: script, atomically: true, encoding: .utf8)
    return script
  }

  @Test func plainLeavingDuringABackgroundTrainingNeverCrashes() throws {
    let ways: [LeavingTmuxTests.Way] = [
      .quit, .controlD, .term, .hup, .quit, .controlD, .term, .hup,
    ]
    for (attempt, way) in ways.enumerated() {
      let target = 1 + (attempt * 89) % 376
      let t = try TUITerminal(["--plain"])
      #expect(t.wait("cnn>"))
      for line in TUITerminal.longTraining { try t.enter(line) }
      #expect(try t.waitForTrainingStep(atLeast: target), "try \(attempt): training at \(target)")
      Thread.sleep(forTimeInterval: Double(attempt % 4) * 0.05)
      try way.leave(t)
      #expect(t.exitStatus() == way.status, "try \(attempt), \(way): \(t.screen)")
      #expect(!t.showsACrash, "try \(attempt), \(way): \(t.screen)")
      #expect(try t.terminalIsSane(), "try \(attempt), \(way)")
      #expect(t.journals.isEmpty == (way.status == 0), "try \(attempt), \(way): the journal")
    }
  }

  /// `cnnrepl run` and piped input train in the foreground; a signal mid-training ends the
  /// run with 128 + the signal after the training thread is joined (the `eval` after it never
  /// runs), and says so on standard error.
  @Test(arguments: [
    (["run"], SIGTERM), (["run"], SIGINT), (["run"], SIGHUP), (["run"], SIGTERM),
    (["<"], SIGTERM), (["<"], SIGINT),
  ])
  func aSignalDuringABlockingTrainingLeavesCleanly(how: [String], signal: Int32) throws {
    let script = try Self.longScript()
    let t = try TUITerminal(how + [script.path])
    #expect(t.wait("training 30 epochs of 188 steps", seconds: 60), "\(t.screen)")
    Thread.sleep(forTimeInterval: Double(signal % 4) * 0.1)
    kill(try #require(t.pid), signal)
    #expect(t.exitStatus() == 128 + Int(signal), "\(how) \(signal): \(t.screen)")
    #expect(!t.showsACrash, "\(t.screen)")
    #expect(!t.screen.contains("overall accuracy"), "the run ends there")
    let name = [SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"][signal] ?? ""
    if how == ["run"] { #expect(t.screen.contains("cnnrepl: stopped by \(name)")) }
    #expect(try t.terminalIsSane())
  }
}
