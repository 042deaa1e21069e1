import Rendering

/// What the owner (the REPL) supplies. Every callback runs on the UI thread, synchronously,
/// between two frames: keep them quick and push results back through `TUIApp`'s methods
/// (pushing from inside a callback is fine). Long work (training) belongs on the owner's queue.
public struct TUICallbacks: Sendable {
  /// A finished input line (already in the history when non-empty).
  public var onLine: @Sendable (String) -> Void
  /// Candidates for Tab: `line` is the whole input, `cursor` the cursor's offset in
  /// Characters. Each candidate replaces the whitespace-delimited word ending at the cursor.
  public var completions: @Sendable (_ line: String, _ cursor: Int) -> [String]
  /// The line being typed changed: compute its preview row (a shape, or an error) elsewhere
  /// and answer with ``TUIApp/setPreview(_:for:)``; the UI never waits for it.
  public var onPreview: @Sendable (_ line: String) -> Void
  /// Ctrl-C: stop training if it runs. The UI clears the input line itself afterwards.
  public var onInterrupt: @Sendable () -> Void
  /// The loop has ended and the terminal is restored (also returned by `wait()`).
  public var onQuit: @Sendable (TUIExitReason) -> Void

  public init(
    onLine: @escaping @Sendable (String) -> Void,
    completions: @escaping @Sendable (String, Int) -> [String] = { _, _ in [] },
    onPreview: @escaping @Sendable (String) -> Void = { _ in },
    onInterrupt: @escaping @Sendable () -> Void = {},
    onQuit: @escaping @Sendable (TUIExitReason) -> Void = { _ in }
  ) {
    self.onLine = onLine
    self.completions = completions
    self.onPreview = onPreview
    self.onInterrupt = onInterrupt
    self.onQuit = onQuit
  }
}
