import Foundation

/// One encoded fork reply (a ``ShareFrame/forkState(_:)`` or ``ShareFrame/forkRefused(_:)``
/// frame with its length prefix), immutable and shared by every watcher that asked while it
/// was taken or while it was still being sent to someone.
///
/// A class so that fifty watchers hold fifty references to one buffer, not fifty copies of the
/// weights: the teacher's memory for pending forks is bounded by the snapshots alive (at most
/// two, see ``SharePublisher``), not by the number of watchers.
final class ForkSnapshot {
  let bytes: [UInt8]
  let taken: Date
  /// Whether it carries a state (a refusal is never handed to a later request).
  let isState: Bool

  init(_ frame: ShareFrame, taken: Date = Date()) {
    bytes = frame.encoded()
    self.taken = taken
    if case .forkState = frame { isState = true } else { isState = false }
  }
}
