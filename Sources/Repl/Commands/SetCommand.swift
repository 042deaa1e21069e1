import Core
import Rendering

/// The `set [lr=X] [momentum=M] [batch=B] [graphics=G]` command: steer a running training, or
/// change the defaults of the next `train`; choose how pictures are drawn; bare `set` shows the
/// values in force.
public struct SetCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "set", category: .training,
    abstract: "change lr, momentum or batch while training runs (or for the next train)",
    discussion: [
      "while a training runs: lr and momentum from the next step, batch from the next epoch",
      "each change is printed (`lr 0.001 → 0.0001 at step 412`) and marked ^ on the loss chart",
      "with a schedule (train sched=…), set lr sets the rate now and the schedule goes on from it",
      "when no training runs it changes the defaults of the next `train` (its own options win)",
      "in a script `train` waits for the end, so a `set` after it applies to the next `train`",
      "momentum is for opt=momentum only; `set` alone shows the values in force",
      "graphics= draws the next pictures as pixels (kitty, sixel, iterm) or text;",
      "auto is what the terminal answered at start (as --graphics)",
    ],
    options: [
      OptionSpec("lr", "X", .number(1e-9...10), help: "learning rate"),
      OptionSpec("momentum", "M", .number(0...0.999), help: "momentum μ (opt=momentum)"),
      OptionSpec("batch", "B", .integer(1...65_536), help: "images per step"),
      OptionSpec(
        "graphics", "G", .choice(GraphicsChoice.allCases.map(\.rawValue)),
        help: "pictures as pixels or text"),
    ],
    runsInCheck: false,
    examples: [
      "set lr=0.0001", "set batch=128", "set lr=0.01 momentum=0.95", "set graphics=sixel",
    ],
    make: { (a) throws(CommandError) in
      SetCommand(
        learningRate: a.number("lr"), momentum: a.number("momentum"), batch: a.integer("batch"),
        graphics: a.word("graphics").flatMap(GraphicsChoice.init(rawValue:)))
    })

  public var learningRate: Double?
  public var momentum: Double?
  public var batch: Int?
  public var graphics: GraphicsChoice?

  public init(
    learningRate: Double? = nil, momentum: Double? = nil, batch: Int? = nil,
    graphics: GraphicsChoice? = nil
  ) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.batch = batch
    self.graphics = graphics
  }

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    if let graphics { output.present(.graphics(graphics)) }
    guard learningRate != nil || momentum != nil || batch != nil || graphics == nil else { return }
    session.settleTraining()
    guard learningRate != nil || momentum != nil || batch != nil else {
      output.present(.text([Self.current(in: session)]))
      return
    }
    var said: [String] = []
    if session.isTraining {
      do {
        if let momentum { try session.trainer.setMomentum(Float(momentum)) }
        if let learningRate { try session.trainer.setLearningRate(Float(learningRate)) }
        if let batch { try session.trainer.setBatchSize(batch) }
      } catch {
        throw Session.refusal("set", error)
      }
      if let learningRate { said.append("lr=\(formatDouble(learningRate)) from the next step") }
      if let momentum { said.append("momentum=\(formatDouble(momentum)) from the next step") }
      if let batch { said.append("batch=\(batch) from the next epoch") }
      output.present(.text([said.joined(separator: ", ")]))
      return
    }
    var defaults = session.trainingDefaults
    if let learningRate {
      defaults.learningRate = learningRate
      said.append("lr=\(formatDouble(learningRate))")
    }
    if let momentum {
      defaults.momentum = momentum
      said.append("momentum=\(formatDouble(momentum))")
    }
    if let batch {
      defaults.batchSize = batch
      said.append("batch=\(batch)")
    }
    session.trainingDefaults = defaults
    output.present(
      .text([said.joined(separator: " ") + " for the next `train` (no training is running)"]))
  }

  /// `lr 0.001 at step 412 (batch 32)` while training; the next `train`'s defaults otherwise.
  static func current(in session: Session) -> String {
    let history = session.trainer.history
    if session.isTraining, let rate = history.learningRates.last, let step = history.steps.last {
      return "lr \(formatNumber(rate)) at step \(step.globalStep) "
        + "(\(step.stepsPerEpoch) steps per epoch); change it with `set lr=X`"
    }
    let d = session.trainingDefaults
    let lr = d.learningRate.map(formatDouble) ?? "the optimizer's default"
    return "next `train`: lr=\(lr) momentum=\(d.momentum.map(formatDouble) ?? "0.9") "
      + "batch=\(d.batchSize ?? 32) unless it gives its own"
  }
}
