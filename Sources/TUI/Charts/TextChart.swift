/// Placeholder module entry: the TUI (issue #5) renders panes as text first.
public enum TUIInfo {
  public static let name = "cnnrepl TUI"
}
