import Core

/// One parsed, validated command, ready to run against a session.
///
/// Each command type lives in its own file with a `static let spec: CommandSpec` (the single
/// source for its parser, help and completion) and builds itself from ``ParsedArguments``.
/// `run` reports through `output`; a thrown ``CommandError`` means nothing changed.
public protocol ReplCommand: Sendable {
  func run(in session: Session, output: any Presenter) throws(CommandError)
}

/// A command that appends one layer (`conv`, `dense`, `relu` and the others).
///
/// `insert N CMD` and `replace N CMD` accept exactly these, through ``layer``.
public protocol LayerCommand: ReplCommand {
  var layer: LayerSpec { get }
}

extension LayerCommand {
  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.appendLayer(layer, output: output)
  }
}
