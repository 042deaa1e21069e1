import Core
import Repl

/// What fuzzed sessions may do: no network, no file outside the sandbox, and only work that
/// ends in well under a second (small synthetic data, tiny training runs, small models).
///
/// Everything else is refused through ``Session/commandGate`` before it runs, as a typed
/// `CommandError` like any other refusal, so the refusal path is fuzzed as well.
public struct FuzzGate {
  /// Largest model (parameters, MACs per image) that heavy commands may use.
  public static let maxParameters = 100_000
  public static let maxMACs = 1_000_000
  /// Training: at most this many images, epochs and test images.
  public static let maxTrainImages = 64
  public static let maxEpochs = 2
  public static let maxTestImages = 64
  /// Synthetic data: at most this many images of at most this side.
  public static let maxSyntheticTrain = 256
  public static let maxSyntheticTest = 64
  public static let maxSyntheticSize = 32
  /// Images any evaluation may go through (the embedded MNIST sample's test split has 1,000).
  public static let maxEvaluatedImages = 1_000
  public static let maxDreamSteps = 20
  public static let maxThreads = 2

  /// Commands that run the network (forward or backward passes) rather than only shape it.
  static let heavy: Set<String> = [
    "train", "eval", "predict", "gradcheck", "show fmap", "show filters", "show kernel",
    "show confusion", "show occlusion", "show saliency", "show dream", "show gradcam",
  ]

  unowned let session: Session

  public init(session: Session) { self.session = session }

  /// Installs a gate on `session`.
  public static func install(on session: Session) {
    let gate = FuzzGate(session: session)
    session.commandGate = { (spec, arguments) throws(CommandError) in
      if let refusal = gate.refusal(spec, arguments) { throw refusal }
    }
  }

  /// Why `spec` with `arguments` may not run in a fuzzed session, or nil.
  public func refusal(_ spec: CommandSpec, _ arguments: ParsedArguments) -> CommandError? {
    let name = spec.name
    func refuse(_ problem: String) -> CommandError {
      .refused(command: name, problem: "fuzzing: \(problem)", hint: "this session is sandboxed")
    }
    if name == "download" { return refuse("no network") }
    for case .path(let path) in arguments.values.values where !Self.isPlainName(path) {
      return refuse("only plain file names in the sandbox")
    }
    if name == "threads", (arguments.integer("N") ?? 1) > Self.maxThreads {
      return refuse("at most \(Self.maxThreads) threads")
    }
    if name == "data", ["bars", "shapes"].contains(arguments.word("NAME") ?? "") {
      guard (arguments.integer("train") ?? .max) <= Self.maxSyntheticTrain,
        (arguments.integer("test") ?? .max) <= Self.maxSyntheticTest,
        (arguments.integer("size") ?? 28) <= Self.maxSyntheticSize
      else { return refuse("synthetic sets need small train=, test= and size=") }
    }
    guard Self.heavy.contains(name) else { return nil }
    let summary = session.model.summary
    guard summary.totalParameters <= Self.maxParameters, summary.macs <= Self.maxMACs else {
      return refuse("the model is too big to run here")
    }
    if let data = session.data,
      max(data.train.count, data.test.count) > Self.maxEvaluatedImages, name != "train"
    {
      return refuse("the data set is too big to evaluate here")
    }
    switch name {
    case "train":
      guard (arguments.integer("limit") ?? .max) <= Self.maxTrainImages,
        (arguments.integer("test") ?? .max) <= Self.maxTestImages,
        (arguments.integer("epochs") ?? 1) <= Self.maxEpochs
      else { return refuse("train needs limit= and test= small and few epochs") }
    case "show dream":
      guard (arguments.integer("steps") ?? 50) <= Self.maxDreamSteps else {
        return refuse("at most \(Self.maxDreamSteps) dream steps")
      }
    default: break
    }
    return nil
  }

  /// A file name without folders, `~` or dots only: it can only name a file in the sandbox.
  static func isPlainName(_ path: String) -> Bool {
    !path.isEmpty && !path.contains("/") && !path.hasPrefix("~") && path != "." && path != ".."
      && !path.contains("\0")
  }
}
