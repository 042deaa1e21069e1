import Core

/// The `preset NAME` command.
public struct PresetCommand: ReplCommand {
  /// Preset names offered by help and Tab completion (the presets themselves live in Core).
  public static let names = Preset.names

  public static let spec = CommandSpec(
    name: "preset", category: .edit,
    abstract: "replace the model with a named architecture",
    arguments: [
      ArgumentSpec("NAME", "preset", .choice(names), help: names.joined(separator: ", "))
    ],
    examples: ["preset keras-mnist"],
    make: { (a) throws(CommandError) in PresetCommand(name: a.word("NAME") ?? "") })

  public var name: String

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    guard let preset = Preset.named(name) else {
      throw .refused(
        command: "preset", problem: "there is no preset called \(name)",
        hint: "use one of " + Preset.names.joined(separator: ", "))
    }
    try session.edit("preset", changedBy: "preset \(preset.name)") { model throws(ShapeError) in
      try preset.apply(to: model)
    }
    output.present(.text([preset.summary]))
    output.present(.summary(session.model.summary))
  }
}
