import Rendering
import Dispatch
import Foundation

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into flags the UI loop reads each tick
/// (a `DispatchSource` per signal; the default actions are ignored while it runs).
final class SignalWatcher: @unchecked Sendable {
  static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

  private let lock = NSLock()
  private var received: [Int32] = []
  private var sources: [any DispatchSourceSignal] = []
  private let queue = DispatchQueue(label: "cnnrepl.tui.signals")

  func start() {
    for sig in Self.watched {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
      source.setEventHandler { [weak self] in self?.record(sig) }
      source.resume()
      sources.append(source)
    }
  }

  func stop() {
    for source in sources { source.cancel() }
    sources.removeAll()
    for sig in Self.watched { signal(sig, SIG_DFL) }
  }

  private func record(_ sig: Int32) {
    lock.lock()
    received.append(sig)
    lock.unlock()
  }

  /// The signals received since the last call, oldest first.
  func take() -> [Int32] {
    lock.lock()
    defer { lock.unlock() }
    let taken = received
    received.removeAll()
    return taken
  }
}
