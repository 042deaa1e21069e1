import Core

/// The `dense N [bias=no] [init=I] [ACT]` command.
public struct DenseCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "dense", category: .model, placesLayer: true,
    abstract: "fully connected layer with N outputs (needs a flat input)",
    discussion: [
      "y = x·Wᵀ + b; params = in·N + N (in·N with bias=no)", "MACs per image = in·N",
    ],
    arguments: [ArgumentSpec("N", "units N", .integer(Limits.units), help: "number of outputs")],
    options: [
      OptionSpec(
        "bias", "B", .choice(["yes", "no"]), default: "yes", help: "add one bias per output"),
      .initializer,
    ],
    takesActivation: true,
    examples: ["dense 128 relu", "dense 10 softmax", "dense 84 bias=no tanh"],
    make: { (a) throws(CommandError) in
      DenseCommand(
        layer: .dense(
          units: a.integer("N") ?? 1, bias: a.flag("bias") ?? true, activation: a.activation,
          initializer: a.initializer("init") ?? .glorot))
    })

  public var layer: LayerSpec
}
