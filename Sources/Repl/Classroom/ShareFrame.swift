import Rendering

/// One message on a `--share` socket, sent as a 4-byte big-endian length then the payload
/// (a tag byte and the fields in ``WireWriter`` order).
///
/// Teacher to watcher: ``hello(_:)`` first, then the notebook log and the latest panes as
/// ``push(_:)``, the training pane as ``training(_:)``, and ``forkState(_:)`` when asked.
/// Watcher to teacher: only ``forkRequest`` (a watcher cannot send commands; anything else
/// is ignored).
public enum ShareFrame: Sendable, Equatable {
  case hello(ShareHello)
  case push(ScreenPush)
  case training(TrainingUpdate)
  case forkRequest
  case forkState(ForkState)
  /// The teacher cannot give a copy now (the text says why).
  case forkRefused(String)

  /// Frames longer than this are refused as damaged (a fork state of a 10M-parameter model
  /// fits).
  public static let maxLength = 256 << 20

  /// The frame with its length prefix.
  public func encoded() -> [UInt8] {
    var w = WireWriter()
    for _ in 0..<4 { w.byte(0) }
    write(to: &w)
    var bytes = w.bytes
    let length = UInt32(bytes.count - 4)
    for i in 0..<4 { bytes[i] = UInt8(truncatingIfNeeded: length >> (24 - 8 * UInt32(i))) }
    return bytes
  }

  /// The payload length announced by a 4-byte prefix.
  public static func length(prefix: [UInt8]) -> Int {
    prefix.prefix(4).reduce(0) { $0 << 8 | Int($1) }
  }

  /// Decodes one payload (without its length prefix).
  public init(payload: [UInt8]) throws(ShareError) {
    var r = WireReader(payload)
    switch try r.byte() {
    case 0:
      let version = try r.int()
      let name = try r.string()
      self = .hello(ShareHello(protocolVersion: version, name: name, version: try r.string()))
    case 1: self = .push(try ScreenWire.readPush(&r))
    case 2:
      let run = try ScreenWire.integer(&r, "training run")
      let lossFrom = try ScreenWire.integer(&r, "first loss point")
      let accuracyFrom = try ScreenWire.integer(&r, "first accuracy point")
      self = .training(
        TrainingUpdate(
          run: run, lossFrom: lossFrom, accuracyFrom: accuracyFrom,
          display: try r.optional(ScreenWire.readDisplay)))
    case 3: self = .forkRequest
    case 4:
      let script = try r.string()
      let weights = try r.raw()
      let dataDirectory = try r.optional { (r) throws(ShareError) in try r.string() }
      let workingDirectory = try r.string()
      self = .forkState(
        ForkState(
          script: script, weights: weights, dataDirectory: dataDirectory,
          workingDirectory: workingDirectory,
          trainCommands: try r.array { (r) throws(ShareError) in try r.string() }))
    case 5: self = .forkRefused(try r.string())
    case let tag: throw .malformedFrame("unknown frame kind \(tag)")
    }
    guard r.isAtEnd else { throw .malformedFrame("extra bytes after the frame") }
  }

  private func write(to w: inout WireWriter) {
    switch self {
    case .hello(let hello):
      w.byte(0)
      w.int(hello.protocolVersion)
      w.string(hello.name)
      w.string(hello.version)
    case .push(let push):
      w.byte(1)
      ScreenWire.write(push, to: &w)
    case .training(let update):
      w.byte(2)
      for n in [update.run, update.lossFrom, update.accuracyFrom] { w.int(n) }
      w.optional(update.display, ScreenWire.write)
    case .forkRequest:
      w.byte(3)
    case .forkState(let state):
      w.byte(4)
      w.string(state.script)
      w.raw(state.weights)
      w.optional(state.dataDirectory) { $0.string($1) }
      w.string(state.workingDirectory)
      w.array(state.trainCommands) { $0.string($1) }
    case .forkRefused(let reason):
      w.byte(5)
      w.string(reason)
    }
  }
}
