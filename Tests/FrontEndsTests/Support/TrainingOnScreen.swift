import Foundation
import ReplTestSupport

/// Reading a training's progress and a program's exit off a ``TUITerminal``'s screen, in words
/// the session prints (`status`), so the tests wait for states, never for time.
extension TUITerminal {
  /// The commands that start a training long enough to be mid-batch whenever it is stopped:
  /// keras-mnist on the built-in MNIST sample, 30 epochs of 188 steps (about a minute).
  static let longTraining = ["data mnist", "preset keras-mnist", "train epochs=30"]

  /// The last `status` line on the screen (`training: epoch 2/30, step 17/188, …`) as a global
  /// step (1-based over the whole training), or nil.
  static func lastStatusStep(_ screen: String) -> Int? {
    let pattern = #/training: epoch (\d+)/\d+, step (\d+)/(\d+)/#
    guard let match = screen.matches(of: pattern).last,
      let epoch = Int(match.1), let step = Int(match.2), let perEpoch = Int(match.3)
    else { return nil }
    return (epoch - 1) * perEpoch + step
  }

  /// Types `status` until it reports the training at `step` or later; false if that does not
  /// happen within `seconds` (the training never ran, or ended).
  func waitForTrainingStep(atLeast step: Int, seconds: Double = 120) throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    var last = Self.lastStatusStep(screen)
    while Date() < deadline {
      try enter("status")
      wait(seconds: 5) { Self.lastStatusStep($0) != last }
      last = Self.lastStatusStep(screen)
      if let last, last >= step { return true }
    }
    return false
  }

  /// The exit status the pane printed (`EXIT=<n>`) once the program ended, or nil if it did
  /// not end within `seconds`.
  func exitStatus(seconds: Double = 60) -> Int? {
    guard wait("EXIT=", seconds: seconds) else { return nil }
    return screen.firstMatch(of: #/EXIT=(\d+)/#).flatMap { Int($0.1) }
  }

  /// Words on the screen that only a crash prints.
  var showsACrash: Bool {
    let screen = self.screen
    return ["Segmentation", "core dumped", "Fatal error", "Aborted", "Crash", "Backtrace"]
      .contains { screen.contains($0) }
  }
}
