import Foundation

/// Prints events as text lines for line mode and `cnnrepl run`.
///
/// Errors go to `errorSink` (standard error in `run` and `check`, so the transcript on standard
/// output stays clean), everything else to `sink`. With colour on, the `error:` word is red.
public final class PlainPresenter: Presenter {
  public typealias Sink = (String) -> Void

  private let sink: Sink
  private let errorSink: Sink
  private let useColor: Bool

  public init(useColor: Bool = false, sink: @escaping Sink, errorSink: Sink? = nil) {
    self.sink = sink
    self.errorSink = errorSink ?? sink
    self.useColor = useColor
  }

  /// A presenter on the process' standard output (and standard error for errors when
  /// `errorsToStandardError`).
  public static func standard(useColor: Bool, errorsToStandardError: Bool) -> PlainPresenter {
    let out: Sink = { text in FileHandle.standardOutput.write(Data(text.utf8)) }
    let err: Sink = { text in FileHandle.standardError.write(Data(text.utf8)) }
    return PlainPresenter(
      useColor: useColor, sink: out, errorSink: errorsToStandardError ? err : out)
  }

  public func present(_ event: SessionEvent) {
    let lines = TranscriptRenderer.lines(for: event)
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
