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
  var forkPending = false
  /// Training frames this watcher skipped because it was slow or the rate cap was hit.
  var dropped = 0

  init(id: Int, fd: Int32) {
    self.id = id
    self.fd = fd
  }

  var hasPending: Bool { sent < outbox.count }
}
