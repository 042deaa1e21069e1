/// A terminal colour: an xterm 256-colour index or a 24-bit true colour.
public enum CellColor: Sendable, Hashable {
  case indexed(UInt8)
  case rgb(RGB)

  /// The 256-colour index (true colours mapped to the nearest xterm colour).
  public var index256: UInt8 {
    switch self {
    case .indexed(let i): return i
    case .rgb(let c): return c.xterm256
    }
  }
}
