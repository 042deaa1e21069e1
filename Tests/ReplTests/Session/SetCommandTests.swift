import Core
import Foundation
import Repl
import ReplTestSupport
import Testing

/// `set` while a background training runs (takes effect, printed, marked on the chart) and
/// while idle (defaults of the next `train`).
@Suite
struct SetCommandTests {
  /// The tiny bars classifier the training-command tests use.
  static let setup = TrainingCommandTests.setup

  /// Polls `condition` for up to `seconds`.
  static func eventually(_ seconds: Double = 30, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
      if Date() > deadline { return false }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return true
  }

  @Test func setLearningRateMidTrainingIsInTheHistoryTheTranscriptAndTheChart() throws {
    let h = SessionHarness(mode: .interactive)
    h.session.trainsInBackground = true
    h.session.chartStyle = .ascii
    h.run(Self.setup + "\ntrain epochs=1000 batch=16")
    #expect(h.session.isTraining)
    #expect(Self.eventually { h.session.trainer.history.steps.count >= 3 })
    #expect(h.run("set lr=0.0001") == "lr=0.0001 from the next step\n")
    #expect(
      Self.eventually {
        let history = h.session.trainer.history
        return history.changes.first.map { history.steps.count > $0.step + 2 } ?? false
      })
    #expect(h.run("set").hasPrefix("lr 0.0001 at step "))
    h.run("stop")
    let waited = h.run("wait")
    let history = h.session.trainer.history
    let change = try #require(history.changes.first)
    #expect(change.description == "lr 0.001 → 0.0001 at step \(change.step)")
    #expect(history.learningRates[change.step - 2] == 0.001)
    #expect(history.learningRates[(change.step - 1)...].allSatisfy { $0 == 0.0001 })
    // The line reached the transcript (drained by `wait` or `stop`).
    let printed = h.session.transcript.flatMap(\.events).contains { event in
      if case .text(let lines) = event { return lines.contains(change.description) }
      return false
    }
    #expect(printed, "\(waited)")
    let curve = h.run("show curve")
    #expect(curve.contains("\n  ^ lr 0.001 → 0.0001 at step \(change.step)\n"))
    // The x axis carries the `^` (among `-`, and `+` at epoch starts: how many epochs ran
    // before `stop` depends on the machine's speed).
    #expect(
      curve.split(separator: "\n").contains { line in
        line.hasPrefix(" ") && line.contains("^")
          && line.trimmingCharacters(in: .whitespaces).allSatisfy { "+-^".contains($0) }
      })
  }

  @Test func idleSetChangesTheNextTrainAndSaysSo() {
    let h = SessionHarness()
    h.session.chartStyle = .ascii
    h.run(Self.setup)
    #expect(
      h.run("set lr=0.05 batch=64")
        == "lr=0.05 batch=64 for the next `train` (no training is running)\n")
    h.run("train epochs=1 opt=sgd")
    #expect(h.errorLines.isEmpty)
    #expect(h.session.trainer.history.learningRates.allSatisfy { $0 == 0.05 })
    #expect(h.session.trainer.history.steps.first?.stepsPerEpoch == 4)
    #expect(h.session.sessionScript.contains("train epochs=1 batch=64 lr=0.05 opt=sgd\n"))
    // The command's own options win over `set`.
    h.run("train epochs=1 lr=0.2 opt=sgd")
    #expect(h.session.trainer.history.learningRates.first == 0.2)
    #expect(
      h.run("set") == "next `train`: lr=0.05 momentum=0.9 batch=64 unless it gives its own\n")
  }

  @Test func momentumNeedsTheMomentumOptimizer() {
    let h = SessionHarness(mode: .interactive)
    h.session.trainsInBackground = true
    h.run(Self.setup + "\ntrain epochs=1000 batch=16")
    h.run("set momentum=0.5")
    #expect(h.errorLines.first?.contains("momentum is for opt=momentum") == true)
    h.run("stop\nwait")
  }

  @Test func scheduleIsInTheStartLineAndTheTranscript() {
    let h = SessionHarness()
    h.session.chartStyle = .ascii
    h.run(Self.setup)
    let out = h.run("train epochs=3 batch=64 lr=0.01 sched=step:1:0.5")
    #expect(out.contains("lr=0.01 sched=step:1:0.5, loss=ce)"))
    #expect(out.contains("lr 0.01 → 0.005 at step 5 (schedule)\n"))
    #expect(
      h.session.trainCommands.last == "train epochs=3 batch=64 lr=0.01 opt=adam sched=step:1:0.5")
    h.run("train sched=linear")
    #expect(h.errorLines.first?.contains("step:N:F (lr times F every N epochs) or cosine") == true)
  }
}
