import Rendering
import Foundation

/// The lock-protected buffer between any thread (the REPL, the trainer) and the UI thread:
/// producers `post`, the UI thread `take`s everything on its tick. Never calls ncurses.
final class Mailbox: @unchecked Sendable {
  private let lock = NSLock()
  private var pending = ScreenUpdate()

  func post(_ change: (inout ScreenUpdate) -> Void) {
    lock.lock()
    change(&pending)
    lock.unlock()
  }

  func take() -> ScreenUpdate {
    lock.lock()
    defer { lock.unlock() }
    let taken = pending
    pending = ScreenUpdate()
    return taken
  }
}
