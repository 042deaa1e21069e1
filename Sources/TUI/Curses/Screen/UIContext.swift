import Rendering
import Foundation

/// The one global of the UI: the running terminal session, reached from readline's C callbacks
/// (C function pointers cannot capture Swift context). Read and written only on the UI thread,
/// which `assertUIThread()` checks.
enum UIContext {
  nonisolated(unsafe) static var session: TerminalSession?

  /// The session, asserting that the caller is the UI thread that owns it.
  static var current: TerminalSession? {
    guard let session else { return nil }
    session.assertUIThread()
    return session
  }
}
