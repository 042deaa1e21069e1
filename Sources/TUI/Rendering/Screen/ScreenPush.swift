/// One content push to a ``TUIApp``, as a value: what ``TUIApp/mirror(to:)`` observers receive
/// and ``TUIApp/apply(_:)`` replays, so a second screen (a `--watch`er) can show the same panes
/// with its own size, colours and character set.
///
/// The prompt and the input line are the owner's and are not mirrored.
public enum ScreenPush: Sendable, Equatable {
  /// ``TUIApp/append(_:)``.
  case append(NotebookCell)
  /// ``TUIApp/appendOutput(_:toCell:)``.
  case output([StyledLine], cell: Int?)
  /// ``TUIApp/clearNotebook()``.
  case clear
  /// ``TUIApp/setModel(_:)``.
  case model(ModelView)
  /// ``TUIApp/setTraining(_:)``.
  case training(TrainingDisplay?)
  /// ``TUIApp/setPicture(_:for:show:)``.
  case picture(VisualPicture?, mode: VisualMode, show: Bool)
  /// ``TUIApp/setStatus(_:)``.
  case status(StatusFields)
}
