import Core
/// Settings from the command line that shape how a session runs and draws.
public struct SessionOptions: Sendable, Hashable {
  public var mode: SessionMode
  /// Weight initialisation and shuffling seed (`--seed`, `seed N`).
  public var seed: UInt64
  /// CPU threads for training and inference (`--threads`, `threads N`).
  public var threads: Int
  /// Colour in pictures and errors (after `--color`, `NO_COLOR` and `TERM=dumb`).
  public var useColor: Bool
  /// Unicode half blocks, or the ASCII ramp (`--charset ascii`).
  public var asciiOnly: Bool
  /// Where `data NAME` looks for files when no `path=` is given (`--data-dir`).
  public var dataDirectory: String?
  /// Where `download` puts a set when neither `dir=` nor `--data-dir` is given, and where
  /// `data NAME` then finds it (``StandardLocations/cacheFolder``; nil: `./data`, and `data`
  /// looks only in ``dataDirectory``).
  public var downloadCache: String? = nil
  /// Print wall-clock timings (never in golden transcripts).
  public var showTimings: Bool
  /// Most redraws per second in the full-screen UI (`--fps`).
  public var framesPerSecond: Int
  /// Deepest nesting of `run FILE.cnn` inside scripts (a script that runs itself stops here).
  public var maxRunDepth: Int
  /// Steps between snapshots of the probe image's activations when `train` has no `snapshot=`
  /// (the TUI sets it for its live feature maps; nil: none).
  public var snapshotEvery: Int? = nil
  /// Steps between the row statistics a training measures on its own batch (`show stats`
  /// while training; interactive sessions set it; nil: none).
  public var statisticsEvery: Int? = nil
  /// The most memory one training, evaluation, prediction or `show …` may ask for
  /// (`--memory`; default half of the machine's).
  public var memoryBudget = MemoryBudget.standard
  /// Where `force=yes` may replace files (`--fork-folder` confines a forked session to its own
  /// folder).
  public var writeConfinement: WriteConfinement = .none

  public init(
    mode: SessionMode = .interactive, seed: UInt64 = 0, threads: Int = 1, useColor: Bool = false,
    asciiOnly: Bool = false, dataDirectory: String? = nil, showTimings: Bool = false,
    framesPerSecond: Int = 20, maxRunDepth: Int = 8
  ) {
    self.mode = mode
    self.seed = seed
    self.threads = max(1, threads)
    self.useColor = useColor
    self.asciiOnly = asciiOnly
    self.dataDirectory = dataDirectory
    self.showTimings = showTimings
    self.framesPerSecond = framesPerSecond
    self.maxRunDepth = maxRunDepth
  }

  /// The folders `data NAME` searches for `NAME/`, in order: ``dataDirectory``, then
  /// ``downloadCache``.
  public var dataSearchFolders: [String] { [dataDirectory, downloadCache].compactMap { $0 } }
}
