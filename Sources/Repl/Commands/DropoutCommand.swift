import Core

/// The `dropout P` command.
public struct DropoutCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "dropout", category: .model, placesLayer: true,
    abstract: "while training, zero a random fraction P of values",
    arguments: [
      ArgumentSpec("P", "rate P", .number(0...0.99), help: "fraction dropped, 0 to 0.99")
    ],
    examples: ["dropout 0.5"],
    make: { (a) throws(CommandError) in
      DropoutCommand(layer: .dropout(rate: Float(a.number("P") ?? 0.5)))
    })

  public var layer: LayerSpec
}
