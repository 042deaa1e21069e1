import Core

/// The `batchnorm` command.
public struct BatchNormCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "batchnorm", category: .model, placesLayer: true,
    abstract: "batch normalisation per channel",
    discussion: [
      "y = γ·(x - mean)/sqrt(var + ε) + β; running mean and variance are kept for inference",
      "running ← M·running + (1 - M)·batch at each training step; with the default",
      "0.99 they average ~100 steps and lag fast-changing weights in a short",
      "training (test accuracy dips below training accuracy); 0.9 follows faster",
    ],
    options: [
      OptionSpec(
        "momentum", "M", .number(0...0.9999), default: "0.99",
        help: "share of the running statistics each training step keeps")
    ],
    examples: ["batchnorm", "batchnorm momentum=0.9"],
    make: { (a) throws(CommandError) in
      BatchNormCommand(
        layer: .batchNorm(momentum: a.number("momentum").map(Float.init) ?? BatchNorm.standardMomentum))
    })

  public var layer: LayerSpec
}
