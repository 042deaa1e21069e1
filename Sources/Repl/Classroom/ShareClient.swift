import Foundation

/// One watcher as the publisher's thread sees it: its socket, the bytes still to send (at most
/// one batch, so a stalled watcher holds no more), how far it is in the notebook log, and which
/// version of each slot and of the training it has.
final class ShareClient {
  let id: Int
  let fd: Int32
  var outbox: [UInt8] = []
  var sent = 0
  /// Absolute index of the next log entry to send.
  var logCursor = 0
  var seen: [ShareSlot: Int] = [:]
  var trainingSerial = 0
  var trainingRun = -1
  var lossCount = 0
  var accuracyCount = 0
  var lastStates = Date.distantPast
  /// When the outbox last shrank (or was empty): a watcher stuck longer is disconnected.
  var lastProgress = Date()
  var inbox: [UInt8] = []
  /// Asked for a copy and waiting for the capture (the request is not queued twice).
  var forkWaiting = false
  /// The fork reply being sent after the outbox: the publisher's one encoded snapshot, shared
  /// by every watcher that asked for it (never copied per watcher).
  var forkReply: ForkSnapshot?
  var forkSent = 0
  /// Training frames this watcher skipped because it was slow or the rate cap was hit.
  var dropped = 0

  init(id: Int, fd: Int32) {
    self.id = id
    self.fd = fd
  }

  /// Whether the outbox (notebook and panes) still has bytes to send.
  var hasPending: Bool { sent < outbox.count }

  /// Whether anything at all waits to be sent: the outbox or the fork reply.
  var hasAnythingPending: Bool { hasPending || forkReply != nil }
}
