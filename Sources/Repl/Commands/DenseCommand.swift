import Core

/// The `dense N [init=I] [ACT]` command.
public struct DenseCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "dense", category: .model, placesLayer: true,
    abstract: "fully connected layer with N outputs (needs a flat input)",
    discussion: ["params = in·N + N; MACs per image = in·N"],
    arguments: [ArgumentSpec("N", "units N", .integer(Limits.units), help: "number of outputs")],
    options: [.initializer],
    takesActivation: true,
    examples: ["dense 128 relu", "dense 10 softmax"],
    make: { (a) throws(CommandError) in
      DenseCommand(
        layer: .dense(
          units: a.integer("N") ?? 1, activation: a.activation,
          initializer: a.initializer("init") ?? .glorot))
    })

  public var layer: LayerSpec
}
