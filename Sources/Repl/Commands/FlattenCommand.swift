import Core

/// The `flatten` command.
public struct FlattenCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "flatten", category: .model, placesLayer: true,
    abstract: "reshape HxWxC into a vector of H·W·C features",
    examples: ["flatten"],
    make: { (_) throws(CommandError) in FlattenCommand() })

  public var layer: LayerSpec { .flatten }
}
