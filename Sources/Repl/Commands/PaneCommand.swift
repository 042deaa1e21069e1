import Rendering

/// The `pane NAME [on|off]` command: shows or hides a pane of the full-screen notebook (the
/// same as F5, F6 and F2). Without `on`/`off` it toggles. Line mode and `run` have no panes:
/// they say so and change nothing.
public struct PaneCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "pane", category: .session,
    abstract: "show or hide a pane of the full screen: model (F5), training (F6), picture (F2)",
    discussion: [
      "hidden panes give their rows to the notebook; a picture command shows the picture pane again"
    ],
    arguments: [
      ArgumentSpec(
        "NAME", "pane", .choice(PaneName.allCases.map(\.rawValue)),
        help: PaneName.allCases.map(\.rawValue).joined(separator: ", ")),
      ArgumentSpec(
        "STATE", "on or off", .choice(["on", "off"]), optional: true,
        help: "on shows it, off hides it; without it the pane toggles"),
    ],
    examples: ["pane model off", "pane training", "pane picture on"],
    make: { (a) throws(CommandError) in
      PaneCommand(
        pane: PaneName(rawValue: a.word("NAME") ?? "") ?? .model,
        shown: a.word("STATE").map { $0 == "on" })
    })

  public var pane: PaneName
  /// true shows, false hides, nil toggles.
  public var shown: Bool?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    output.present(.pane(pane, shown: shown))
  }
}
