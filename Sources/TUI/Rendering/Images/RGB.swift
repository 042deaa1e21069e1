/// A 24-bit colour.
public struct RGB: Sendable, Hashable {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// The nearest xterm 256-colour index: the 6x6x6 cube (16 + 36r + 6g + b) or the grey ramp
  /// (232...255, grey levels 8 + 10k), whichever is closer in squared RGB distance.
  public var xterm256: UInt8 {
    let levels: [Int] = [0, 95, 135, 175, 215, 255]
    func nearestLevel(_ v: UInt8) -> Int {
      var best = 0
      for (i, l) in levels.enumerated() where abs(l - Int(v)) < abs(levels[best] - Int(v)) {
        best = i
      }
      return best
    }
    let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
    let cube = (levels[r], levels[g], levels[b])
    let mean = (Int(red) + Int(green) + Int(blue)) / 3
    let greyIndex = min(23, max(0, (mean - 8 + 5) / 10))
    let grey = 8 + 10 * greyIndex
    func distance(_ c: (Int, Int, Int)) -> Int {
      let dr = c.0 - Int(red)
      let dg = c.1 - Int(green)
      let db = c.2 - Int(blue)
      return dr * dr + dg * dg + db * db
    }
    if distance((grey, grey, grey)) < distance(cube) {
      return UInt8(232 + greyIndex)
    }
    return UInt8(16 + 36 * r + 6 * g + b)
  }
}
