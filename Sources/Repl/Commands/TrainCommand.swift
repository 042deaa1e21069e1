import Core

/// The `train [epochs=E] [batch=B] [lr=X] [opt=sgd|momentum|adam] [loss=ce|mse] [wd=X] [limit=N]`
/// command (plus `momentum=M`, `sched=S`, `test=N`, `seed=N` and `snapshot=N`). Options it
/// leaves out take the values of an earlier idle `set`, then the built-in defaults.
public struct TrainCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "train", category: .training,
    abstract: "train on the data set (in the background)",
    discussion: [
      "lr defaults to 0.001 for adam and 0.01 for sgd and momentum",
      "limit=N trains on the first N training images only (quick demos, tests)",
      "Ctrl-C or `stop` ends training at the next batch; the weights so far are kept",
      "sched=step:N:F multiplies lr by F every N epochs; sched=cosine decays it to 0 over the run",
      "`set lr=X`, `set momentum=M`, `set batch=B` steer a running training (see `help set`)",
    ],
    options: [
      OptionSpec(
        "epochs", "E", .integer(1...10_000), default: "1", help: "passes over the training split"),
      OptionSpec("batch", "B", .integer(1...65_536), default: "32", help: "images per step"),
      OptionSpec("lr", "X", .number(1e-9...10), help: "learning rate"),
      OptionSpec("opt", "O", .choice(optimizers), default: "adam", help: "optimizer"),
      OptionSpec(
        "momentum", "M", .number(0...0.999), default: "0.9", help: "momentum μ (opt=momentum)"),
      OptionSpec(
        "sched", "S", .schedule, default: "constant",
        help: "learning-rate schedule: step:N:F (× F every N epochs) or cosine"),
      OptionSpec(
        "loss", "L", .choice(losses),
        help: "ce (cross-entropy) or mse; default: ce for a classifier, mse for an autoencoder"),
      OptionSpec("wd", "X", .number(0...1), default: "0", help: "weight decay (L2)"),
      OptionSpec(
        "limit", "N", .integer(1...100_000_000), help: "use only the first N training images"),
      OptionSpec(
        "test", "N", .integer(0...100_000_000),
        help: "test images evaluated after each epoch (default all, 0 for none)"),
      OptionSpec("seed", "N", .integer(0...Int.max), help: "shuffling seed (default: `seed N`)"),
      OptionSpec(
        "snapshot", "N", .integer(1...1_000_000),
        help: "every N steps, record the probe image's activations (for the TUI)"),
    ],
    runsInCheck: false,
    examples: [
      "train epochs=3", "train epochs=1 limit=2000 opt=sgd lr=0.05",
      "train epochs=6 sched=step:2:0.1", "train epochs=5 opt=momentum lr=0.05 sched=cosine",
    ],
    training: .starts,
    make: { (a) throws(CommandError) in TrainCommand(arguments: a) })

  public static let optimizers = ["sgd", "momentum", "adam"]
  public static let losses = ["ce", "mse"]

  public var epochs: Int
  /// nil: an idle `set batch=`, else 32.
  public var batch: Int?
  /// nil: an idle `set lr=`, else the optimizer's default.
  public var learningRate: Double?
  public var optimizer: String
  /// nil: chosen from the model's output (``LossKind/automatic(input:output:)``).
  public var loss: String?
  /// nil: an idle `set momentum=`, else 0.9.
  public var momentum: Double?
  public var schedule: LearningRateSchedule = .constant
  public var weightDecay: Double
  public var limit: Int?
  public var testLimit: Int?
  /// nil: the session's seed.
  public var seed: UInt64?
  public var snapshotEvery: Int?

  /// The command as `save` writes it (defaults left out).
  public var normalized: String {
    var words = ["train", "epochs=\(epochs)", "batch=\(batch ?? 32)"]
    if let learningRate { words.append("lr=\(learningRate)") }
    words.append("opt=\(optimizer)")
    if let momentum { words.append("momentum=\(momentum)") }
    if schedule != .constant { words.append("sched=\(schedule)") }
    if let loss { words.append("loss=\(loss)") }
    if weightDecay != 0 { words.append("wd=\(weightDecay)") }
    if let limit { words.append("limit=\(limit)") }
    if let testLimit { words.append("test=\(testLimit)") }
    if let seed { words.append("seed=\(seed)") }
    if let snapshotEvery { words.append("snapshot=\(snapshotEvery)") }
    return words.joined(separator: " ")
  }

  /// Core's options for this command in `session` (threads and default seed from it).
  public func options(in session: Session) -> TrainingOptions {
    var options = TrainingOptions(
      epochs: epochs, batchSize: batch ?? 32, learningRate: learningRate.map { Float($0) },
      optimizer: OptimizerKind(rawValue: optimizer) ?? .adam,
      loss: loss.flatMap { LossKind(rawValue: $0) }, weightDecay: Float(weightDecay),
      limit: limit, testLimit: testLimit, threads: session.threads, seed: seed ?? session.seed,
      snapshotEvery: snapshotEvery ?? session.options.snapshotEvery,
      momentum: Float(momentum ?? 0.9), schedule: schedule)
    options.statisticsEvery = session.options.statisticsEvery
    return options
  }

  /// This command with what it leaves out taken from `defaults` (an idle `set`).
  public func applying(_ defaults: TrainingDefaults) -> TrainCommand {
    var resolved = self
    resolved.batch = batch ?? defaults.batchSize
    resolved.learningRate = learningRate ?? defaults.learningRate
    resolved.momentum = momentum ?? defaults.momentum
    return resolved
  }

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let resolved = applying(session.trainingDefaults)
    try session.train(resolved.options(in: session), command: resolved.normalized, output: output)
  }
}

extension TrainCommand {
  /// The training `arguments` describe (`train`'s options; `export training` takes the same).
  init(arguments a: ParsedArguments) {
    self.init(
      epochs: a.integer("epochs") ?? 1, batch: a.integer("batch"),
      learningRate: a.number("lr"),
      optimizer: a.word("opt") ?? "adam", loss: a.word("loss"), momentum: a.number("momentum"),
      schedule: a.word("sched").flatMap(LearningRateSchedule.init(parsing:)) ?? .constant,
      weightDecay: a.number("wd") ?? 0,
      limit: a.integer("limit"), testLimit: a.integer("test"),
      seed: a.integer("seed").map { UInt64($0) }, snapshotEvery: a.integer("snapshot"))
  }
}
