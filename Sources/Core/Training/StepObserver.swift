/// Work a ``Trainer`` does on its own thread after every `every`-th step and at each epoch's
/// end, while the model is between steps: the one moment something else may read the weights
/// during a training (the REPL's `--autosave` writes them to a file).
///
/// `body` gets the global step (1-based) and runs only when the weights are finite; it must be
/// quick, as the next step waits for it.
public struct StepObserver: Sendable {
  public var every: Int
  public var body: @Sendable (_ step: Int) -> Void

  public init(every: Int, body: @escaping @Sendable (_ step: Int) -> Void) {
    self.every = max(1, every)
    self.body = body
  }
}
