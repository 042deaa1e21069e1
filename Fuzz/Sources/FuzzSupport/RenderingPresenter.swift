import Repl

/// Renders every event to text as the plain presenter would, then drops it (the renderers are
/// fuzzed along with the commands; nothing reaches the terminal).
public final class RenderingPresenter: Presenter {
  /// Lines rendered so far (kept so the work cannot be optimised away).
  public private(set) var lineCount = 0

  public init() {}

  public func present(_ event: SessionEvent) {
    lineCount += TranscriptRenderer.lines(for: event).count
  }
}
