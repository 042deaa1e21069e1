/// What `fork` copies from the teacher: the commands that rebuild the session (seed, threads,
/// data, input, layers; no `train`) and the weights as safetensors bytes, plus where the
/// teacher's data came from, so the student's copy can train on its own.
public struct ForkState: Sendable, Equatable {
  /// Session script without training commands (``Session/forkScript``).
  public var script: String
  /// ``ModelCheckpoint`` file bytes, empty when the model has no parameters.
  public var weights: [UInt8]
  /// The teacher's `--data-dir`, absolute, if any.
  public var dataDirectory: String?
  /// The teacher's working folder (relative data paths in the script start there).
  public var workingDirectory: String
  /// The teacher's training commands so far, shown to the student as a hint.
  public var trainCommands: [String]

  public init(
    script: String, weights: [UInt8], dataDirectory: String?, workingDirectory: String,
    trainCommands: [String]
  ) {
    self.script = script
    self.weights = weights
    self.dataDirectory = dataDirectory
    self.workingDirectory = workingDirectory
    self.trainCommands = trainCommands
  }
}
