/// The `train [epochs=E] [batch=B] [lr=X] [opt=sgd|momentum|adam] [loss=ce|mse] [wd=X] [limit=N]` command.
public struct TrainCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "train", category: .training,
    abstract: "train on the data set (in the background)",
    discussion: [
      "lr defaults to 0.001 for adam and 0.01 for sgd and momentum",
      "limit=N trains on the first N training images only (quick demos, tests)",
      "Ctrl-C or `stop` ends training at the next batch; the weights so far are kept",
    ],
    options: [
      OptionSpec(
        "epochs", "E", .integer(1...10_000), default: "1", help: "passes over the training split"),
      OptionSpec("batch", "B", .integer(1...65_536), default: "32", help: "images per step"),
      OptionSpec("lr", "X", .number(1e-9...10), help: "learning rate"),
      OptionSpec("opt", "O", .choice(optimizers), default: "adam", help: "optimizer"),
      OptionSpec("loss", "L", .choice(losses), default: "ce", help: "ce (cross-entropy) or mse"),
      OptionSpec("wd", "X", .number(0...1), default: "0", help: "weight decay (L2)"),
      OptionSpec(
        "limit", "N", .integer(1...100_000_000), help: "use only the first N training images"),
    ],
    runsInCheck: false,
    examples: ["train epochs=3", "train epochs=1 limit=2000 opt=sgd lr=0.05"],
    make: { (a) throws(CommandError) in
      TrainCommand(
        epochs: a.integer("epochs") ?? 1, batch: a.integer("batch") ?? 32,
        learningRate: a.number("lr"),
        optimizer: a.word("opt") ?? "adam", loss: a.word("loss") ?? "ce",
        weightDecay: a.number("wd") ?? 0,
        limit: a.integer("limit"))
    })

  public static let optimizers = ["sgd", "momentum", "adam"]
  public static let losses = ["ce", "mse"]

  public var epochs: Int
  public var batch: Int
  /// nil: the optimizer's default.
  public var learningRate: Double?
  public var optimizer: String
  public var loss: String
  public var weightDecay: Double
  public var limit: Int?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    // Wiring point: start Core's trainer (blocking and printing per epoch in batch mode).
    throw .notAvailable(command: "train")
  }
}
