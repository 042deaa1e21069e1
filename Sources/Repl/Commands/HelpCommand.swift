/// The `help [CMD]` command.
public struct HelpCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "help", category: .session,
    abstract: "the commands, or one command's arguments",
    arguments: [
      ArgumentSpec(
        "CMD", "command", .commandName, optional: true, help: "a command name, e.g. conv")
    ],
    examples: ["help", "help conv", "help save model"],
    make: { (a) throws(CommandError) in HelpCommand(topic: a.word("CMD")) })

  public var topic: String?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    if let topic, let spec = CommandRegistry.spec(named: topic) {
      output.present(.text(HelpText.details(spec)))
    } else {
      output.present(.text(HelpText.overview()))
    }
  }
}
