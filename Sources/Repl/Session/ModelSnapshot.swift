import Core

/// The architecture at one moment (input and layer specs), kept for `undo`.
public struct ModelSnapshot: Sendable, Hashable {
  public var input: Shape?
  public var specs: [LayerSpec]
  /// The command that changed the model away from this state (`undo` names it).
  public var changedBy: String

  public init(input: Shape?, specs: [LayerSpec], changedBy: String) {
    self.input = input
    self.specs = specs
    self.changedBy = changedBy
  }
}
