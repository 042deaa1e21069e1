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
///
/// Every layer command's spec says `placesLayer`, so it also takes `from=N` (read row N's
/// output instead of the row above); the parser then wraps it in a ``PlacedLayerCommand``.
public protocol LayerCommand: ReplCommand {
  var layer: LayerSpec { get }
  /// The row this layer reads instead of the row above (`from=N`), or nil.
  var from: Int? { get }
}

extension LayerCommand {
  public var from: Int? { nil }

  /// The layer with where it reads from.
  public var row: RowSpec { RowSpec(layer, from: from) }

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.appendLayer(row, output: output)
  }
}

/// A layer command with `from=N`: the same layer, reading row N.
public struct PlacedLayerCommand: LayerCommand {
  public var layer: LayerSpec
  public var from: Int?

  public init(placing command: any LayerCommand, from: Int) {
    layer = command.layer
    self.from = from
  }
}
