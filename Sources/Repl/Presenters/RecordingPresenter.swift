/// Keeps every event, for tests and for rendering a transcript afterwards.
public final class RecordingPresenter: Presenter {
  public private(set) var events: [SessionEvent] = []

  public init() {}

  public func present(_ event: SessionEvent) { events.append(event) }

  /// The events as the plain presenter would print them (errors inline).
  public var text: String {
    events.flatMap { TranscriptRenderer.lines(for: $0) }.map { $0 + "\n" }.joined()
  }

  /// Only the errors.
  public var errors: [ErrorReport] {
    events.compactMap { if case .error(let e) = $0 { e } else { nil } }
  }

  public func clear() { events.removeAll() }
}
