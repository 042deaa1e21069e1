/// Where a session's events go: the terminal in line mode, the TUI's panes, or a test's list.
///
/// Called on the session's thread only (the UI thread in interactive modes).
public protocol Presenter: AnyObject {
  func present(_ event: SessionEvent)
}
