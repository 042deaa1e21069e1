import Foundation
import ReplTestSupport
import Testing

/// Leaving the full screen while a training runs never crashes: `quit`, Ctrl-D, SIGTERM and
/// SIGHUP stop the training between two batches and join its thread before the process
/// exits (before this, about one `quit` in four died in `cblas_sgemm` with a segfault, 139).
/// A command still computing at Ctrl-D does not keep the process for ever either.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct LeavingTmuxTests {
  enum Way: String, CaseIterable {
    case quit, controlD, term, hup

    var status: Int {
      switch self {
      case .quit, .controlD: 0
      case .term: 128 + Int(SIGTERM)
      case .hup: 128 + Int(SIGHUP)
      }
    }

    func leave(_ t: TUITerminal) throws {
      switch self {
      case .quit: try t.enter("quit")
      case .controlD: try t.press("C-d")
      case .term: kill(try #require(t.pid), SIGTERM)
      case .hup: kill(try #require(t.pid), SIGHUP)
      }
    }
  }

  /// 20 tries, each way five times, at a different point of the training each time: a step
  /// from 1 to 376 (two epochs, so some land in an epoch's test evaluation), confirmed by
  /// `status`, then 0 to 200 ms more.
  @Test func leavingDuringATrainingNeverCrashes() throws {
    for attempt in 0..<20 {
      let way = Way.allCases[attempt % Way.allCases.count]
      let target = 1 + (attempt * 53) % 376
      let t = try TUITerminal()
      #expect(t.waitForStart())
      for line in TUITerminal.longTraining { try t.enter(line) }
      #expect(try t.waitForTrainingStep(atLeast: target), "try \(attempt): training at \(target)")
      Thread.sleep(forTimeInterval: Double(attempt % 5) * 0.05)
      try way.leave(t)
      let status = t.exitStatus()
      #expect(status == way.status, "try \(attempt), \(way), step \(target): \(t.screen)")
      #expect(!t.showsACrash, "try \(attempt), \(way): \(t.screen)")
      #expect(try t.terminalIsSane(), "try \(attempt), \(way)")
      if way.status == 0 {
        #expect(t.journals.isEmpty, "a clean end removes the journal")
      } else {
        let journal = try #require(t.journals.first, "a signal keeps the journal")
        #expect(try String(contentsOfFile: journal, encoding: .utf8).contains("train epochs=30"))
      }
    }
  }

  /// Ctrl-D while `show dream` computes (minutes of work on this model): the screen closes at
  /// once, and the process leaves cleanly within its grace time without waiting for the
  /// command nor running exit-time destructors under it.
  @Test func controlDDuringALongCommandLeavesSoon() throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    for line in ["input 96x96x3", "conv 64 3 relu", "conv 64 3 relu"] { try t.enter(line) }
    #expect(t.wait("[3] conv 64 3 relu"))
    try t.enter("show dream 2 0 steps=10000")
    #expect(t.wait("[4] show dream 2 0 steps=10000"))
    try t.press("C-d")
    #expect(t.exitStatus(seconds: 30) == 0, "\(t.screen)")
    #expect(t.screen.contains("left while `show dream 2 0 steps=10000` was still running"))
    #expect(!t.showsACrash, "\(t.screen)")
    #expect(try t.terminalIsSane())
    #expect(t.journals.isEmpty, "Ctrl-D is a clean end: the journal goes")
  }
}
