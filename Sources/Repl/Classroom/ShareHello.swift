/// The teacher's first frame: who shares, with which protocol and cnnrepl version.
public struct ShareHello: Sendable, Equatable {
  /// The wire protocol this cnnrepl speaks; a watcher refuses any other.
  public static let currentProtocol = 2

  public var protocolVersion: Int
  public var name: String
  public var version: String

  public init(protocolVersion: Int = ShareHello.currentProtocol, name: String, version: String) {
    self.protocolVersion = protocolVersion
    self.name = name
    self.version = version
  }
}
