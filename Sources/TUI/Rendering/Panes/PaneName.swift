/// The panes a user can hide or show (F5, F6, F2, and the `pane` command).
public enum PaneName: String, Sendable, CaseIterable {
  case model
  case training
  case picture
}
