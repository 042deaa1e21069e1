/// The `preset NAME` command.
public struct PresetCommand: ReplCommand {
  /// Preset names offered by help and Tab completion (the presets themselves live in Core).
  public static let names = ["lenet5", "keras-mnist", "separable-mnist", "autoencoder"]

  public static let spec = CommandSpec(
    name: "preset", category: .edit,
    abstract: "replace the model with a named architecture",
    arguments: [
      ArgumentSpec("NAME", "preset", .choice(names), help: names.joined(separator: ", "))
    ],
    examples: ["preset keras-mnist"],
    make: { (a) throws(CommandError) in PresetCommand(name: a.word("NAME") ?? "") })

  public var name: String

  // Wiring point: build Core's preset `name` and call `session.edit("preset", …)` with
  // `model.setStack(input:specs:)`, then present `.summary`.
  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "preset")
  }
}
