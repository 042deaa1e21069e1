import Foundation

/// A thread-safe, bounded mailbox of ``TrainingEvent``s: the trainer sends, a front end drains.
///
/// The trainer's thread calls ``send(_:)``; the UI thread calls ``drain()`` on its own tick and
/// never runs code on the training thread (events, not callbacks). When `capacity` events wait
/// undrained, step events are coalesced (only the latest step, snapshot and statistics are
/// kept); start, epoch, pause and stop events are never dropped. The full step record stays in
/// ``Trainer/history``.
public final class EventChannel: @unchecked Sendable {
  private let lock = NSLock()
  private var buffer: [TrainingEvent] = []
  public let capacity: Int

  public init(capacity: Int = 1024) {
    self.capacity = max(4, capacity)
  }

  /// Appends `event`, coalescing old step and snapshot events when the buffer is full.
  public func send(_ event: TrainingEvent) {
    lock.lock()
    defer { lock.unlock() }
    if buffer.count >= capacity { coalesce() }
    buffer.append(event)
  }

  /// Everything sent since the last drain, oldest first.
  public func drain() -> [TrainingEvent] {
    lock.lock()
    defer { lock.unlock() }
    let events = buffer
    buffer.removeAll(keepingCapacity: true)
    return events
  }

  /// Events waiting to be drained.
  public var pendingCount: Int {
    lock.lock()
    defer { lock.unlock() }
    return buffer.count
  }

  private func coalesce() {
    let lastStep = buffer.lastIndex { if case .step = $0 { true } else { false } }
    let lastSnapshot = buffer.lastIndex { if case .snapshot = $0 { true } else { false } }
    let lastStatistics = buffer.lastIndex { if case .statistics = $0 { true } else { false } }
    var kept: [TrainingEvent] = []
    kept.reserveCapacity(buffer.count)
    for (i, event) in buffer.enumerated() {
      switch event {
      case .step where i != lastStep, .snapshot where i != lastSnapshot,
        .statistics where i != lastStatistics:
        continue
      default: kept.append(event)
      }
    }
    buffer = kept
  }
}
