import Rendering

/// Changes pushed since the last frame; the UI thread takes them all at once.
/// Notebook operations keep their order; everything else is "latest wins".
struct ScreenUpdate {
  enum NotebookOperation {
    case append(NotebookCell)
    case output([StyledLine], cell: Int?)
    case clear
  }

  var notebook: [NotebookOperation] = []
  var model: ModelView?
  /// The preview row computed for an input line (applied only while the line still reads so).
  var preview: (line: String, row: StyledLine?)?
  /// Panes to show (true), hide (false) or toggle (nil).
  var panes: [(PaneName, Bool?)] = []
  var training: TrainingDisplay??
  var pictures: [VisualMode: VisualPicture?] = [:]
  var showVisual: VisualMode?
  /// How pictures are drawn from now on (`set graphics=…`).
  var graphics: GraphicsProtocol?
  var status: StatusFields?
  var prompt: String?
  var input: String?
  /// With `input`: a space typed right after it (line untouched) runs the line like Enter.
  var inputRunsOnSpace = false
  var quit = false

  var isEmpty: Bool {
    notebook.isEmpty && model == nil && preview == nil && panes.isEmpty && training == nil
      && pictures.isEmpty && showVisual == nil && graphics == nil && status == nil && prompt == nil && input == nil
      && !quit
  }
}
