import Foundation
import Rendering
import Repl

/// Prints events as text lines for line mode and `cnnrepl run`.
///
/// Errors go to `errorSink` (standard error in `run` and `check`, so the transcript on standard
/// output stays clean), everything else to `sink`. Every line is made safe for a terminal first
/// (``TerminalText``: an escape sequence from a script or a file name shows as `^[`); with
/// colour on, the `error:` word is then made red. A picture with images goes as real pixels
/// when ``pictures`` says so (`--graphics`, `set graphics=…`): its title, the image escape, its
/// captions.
public final class PlainPresenter: Presenter {
  public typealias Sink = (String) -> Void

  private let sink: Sink
  private let errorSink: Sink
  private let useColor: Bool
  /// How pictures are drawn (text unless asked).
  public var pictures: PictureOutput

  public init(
    useColor: Bool = false, pictures: PictureOutput = .text, sink: @escaping Sink,
    errorSink: Sink? = nil
  ) {
    self.sink = sink
    self.errorSink = errorSink ?? sink
    self.useColor = useColor
    self.pictures = pictures
  }

  /// A presenter on the process' standard output (and standard error for errors when
  /// `errorsToStandardError`).
  public static func standard(
    useColor: Bool, errorsToStandardError: Bool, pictures: PictureOutput = .text
  ) -> PlainPresenter {
    let out: Sink = { text in StandardStreams.raw(text, to: .output) }
    let err: Sink = { text in StandardStreams.raw(text, to: .error) }
    return PlainPresenter(
      useColor: useColor, pictures: pictures, sink: out,
      errorSink: errorsToStandardError ? err : out)
  }

  public func present(_ event: SessionEvent) {
    if case .graphics(let choice) = event { pictures.choose(choice) }
    if case .picture(let picture, _) = event, let drawn = pictures.text(for: picture) {
      sink(drawn)
      return
    }
    let lines = TranscriptRenderer.lines(for: event).map(TerminalText.multiline)
    if case .error = event {
      let text = lines.map { $0 + "\n" }.joined()
      errorSink(
        useColor ? text.replacingOccurrences(of: "error:", with: "\u{1B}[31merror:\u{1B}[0m") : text
      )
    } else {
      sink(lines.map { $0 + "\n" }.joined())
    }
  }
}
