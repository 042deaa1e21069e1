import Repl
import ReplTestSupport

/// A tiny synthetic classifier the inspection command tests share (no training needed: the
/// tools read whatever weights the model has).
enum InspectionSetup {
  static let model = """
    seed 1
    data bars train=64 test=16 size=12
    input data
    conv 4 3 relu
    maxpool 2
    flatten
    dense 4 softmax
    """

  /// A batch session with `model` loaded.
  static func harness() -> SessionHarness {
    let h = SessionHarness()
    h.session.chartStyle = .ascii
    h.run(model)
    return h
  }

  /// An interactive session whose model is held by a paused background training.
  static func training(statisticsEvery: Int? = nil) -> SessionHarness {
    let h = SessionHarness(mode: .interactive, statisticsEvery: statisticsEvery)
    h.session.trainsInBackground = true
    h.session.chartStyle = .ascii
    h.run(model)
    h.run("train epochs=10000")
    h.run("pause")
    return h
  }

  /// Stops the background training of `training()`.
  static func finish(_ h: SessionHarness) {
    h.run("resume\nstop")
    h.run("wait")
  }
}
