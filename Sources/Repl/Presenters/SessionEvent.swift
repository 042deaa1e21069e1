import Core
import Rendering

/// Everything a session tells the user, as data: presenters decide how it looks.
///
/// The plain presenter prints these as text lines (``TranscriptRenderer``), the TUI routes them
/// into panes, and ``RecordingPresenter`` keeps them for tests.
public enum SessionEvent: Sendable, Equatable {
  /// A script line shown before it runs (`> conv 8 3`), a `#` comment or a blank line, as-is.
  case echo(String)
  /// A block of text lines (help, history, messages).
  case text([String])
  /// The new summary row after a model-building command (a header precedes row 0).
  case summaryRow(SummaryRow)
  /// The whole table with its totals.
  case summary(ModelSummary)
  /// A refused command.
  case error(ErrorReport)
  /// A chart of numbers (the loss per step): its text drawing everywhere, a vector graphic in
  /// `export html`.
  case chart(ChartFigure)
  /// A picture (`show …`, `predict`): drawn as text in transcripts, in the visual pane's `pane`
  /// mode by the TUI (kernels under filters, everything else under feature maps).
  case picture(VisualPicture, pane: VisualMode = .featureMaps)
  /// Show (true), hide (false) or toggle (nil) a pane of the full screen (`pane`); other front
  /// ends have no panes and say so.
  case pane(PaneName, shown: Bool?)
  /// From now until the training ends, the picture pane follows the running training with
  /// this picture; front ends without a picture pane print nothing.
  case follow(LiveTrainingPicture)
  /// `set graphics=…`: from now on, draw pictures with this choice (front ends that draw only
  /// text, such as transcripts, say so and go on with text).
  case graphics(GraphicsChoice)
}

/// A refused command and, when it came from a script, where.
public struct ErrorReport: Sendable, Hashable, CustomStringConvertible {
  public var location: ScriptLocation?
  public var error: CommandError

  public init(location: ScriptLocation? = nil, error: CommandError) {
    self.location = location
    self.error = error
  }

  /// The printed line: `error: conv: …`, or `net.cnn:4: error: conv: …` from a script.
  public var description: String {
    (location.map { "\($0): " } ?? "") + "error: \(error)"
  }
}
