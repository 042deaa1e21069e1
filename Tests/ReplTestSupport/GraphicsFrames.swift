import Foundation
import Rendering

/// Test-side readers of the three image protocols' framing, written from the protocols'
/// descriptions (not from the encoders), so a test can compare what reached the terminal with
/// the picture's values.
public enum GraphicsFrames {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
  }

  /// A kitty transmission: the first escape's keys, every escape's base64 length and `m`, and
  /// the decoded payload.
  public struct Kitty {
    public var keys: [String: String]
    public var chunkLengths: [Int]
    public var payload: [UInt8]
  }

  /// Reads `text` as kitty APC escapes and nothing else: `ESC _ G keys ; base64 ESC \`, every
  /// escape but the last with `m=1`, the last with `m=0`, keys other than `m` on the first only.
  public static func kitty(_ text: String) throws -> Kitty {
    let escapes = text.components(separatedBy: "\u{1B}\\")
    guard escapes.last == "" else { throw Failure("does not end with ESC \\") }
    var keys: [String: String] = [:]
    var lengths: [Int] = []
    var base64 = ""
    for (index, escape) in escapes.dropLast().enumerated() {
      guard escape.hasPrefix("\u{1B}_G"), let semicolon = escape.firstIndex(of: ";") else {
        throw Failure("escape \(index) is not ESC _ G …;…")
      }
      let control = escape[escape.index(escape.startIndex, offsetBy: 3)..<semicolon]
      var these: [String: String] = [:]
      for pair in control.split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { throw Failure("bad key \(pair)") }
        these[String(parts[0])] = String(parts[1])
      }
      let last = index == escapes.count - 2
      guard these["m"] == (last ? "0" : "1") else { throw Failure("escape \(index): m=\(these["m"] ?? "-")") }
      if index == 0 {
        keys = these
      } else if these.count != 1 {
        throw Failure("escape \(index) repeats keys: \(these)")
      }
      let chunk = escape[escape.index(after: semicolon)...]
      lengths.append(chunk.count)
      base64 += chunk
    }
    guard let data = Data(base64Encoded: base64) else { throw Failure("payload is not base64") }
    return Kitty(keys: keys, chunkLengths: lengths, payload: [UInt8](data))
  }

  /// Reads an iTerm2 inline image: `ESC ] 1337 ; File= args : base64 BEL`.
  public static func iTerm(_ text: String) throws -> (arguments: [String: String], file: [UInt8]) {
    let prefix = "\u{1B}]1337;File="
    guard text.hasPrefix(prefix), text.hasSuffix("\u{07}"), let colon = text.firstIndex(of: ":")
    else { throw Failure("not an OSC 1337 File escape") }
    var arguments: [String: String] = [:]
    for pair in text[text.index(text.startIndex, offsetBy: prefix.count)..<colon].split(separator: ";") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else { throw Failure("bad argument \(pair)") }
      arguments[String(parts[0])] = String(parts[1])
    }
    let body = text[text.index(after: colon)..<text.index(before: text.endIndex)]
    guard let data = Data(base64Encoded: String(body)) else { throw Failure("not base64") }
    return (arguments, [UInt8](data))
  }

  /// A decoded sixel image.
  public struct Sixel {
    public var width: Int
    public var height: Int
    public var pixels: [RGB?]

    public func pixel(x: Int, y: Int) -> RGB? { pixels[y * width + x] }
  }

  /// Decodes DEC sixel: `ESC P params q`, raster attributes `"pan;pad;W;H`, colour
  /// definitions `#i;2;r;g;b` (percent), selections `#i`, data characters `?`…`~`, repeats
  /// `!n`, `$` and `-`, then `ESC \`. Pixels never painted stay nil.
  public static func sixel(_ text: String) throws -> Sixel {
    let bytes = Array(text.utf8)
    guard bytes.count > 4, bytes[0] == 0x1B, bytes[1] == UInt8(ascii: "P"),
      bytes.suffix(2) == [0x1B, UInt8(ascii: "\\")],
      let q = bytes.firstIndex(of: UInt8(ascii: "q"))
    else { throw Failure("not a sixel DCS") }
    var i = q + 1
    func number() -> Int {
      var n = 0
      while i < bytes.count, (48...57).contains(bytes[i]) {
        n = n * 10 + Int(bytes[i] - 48)
        i += 1
      }
      return n
    }
    func numbers() -> [Int] {
      var list = [number()]
      while i < bytes.count, bytes[i] == UInt8(ascii: ";") {
        i += 1
        list.append(number())
      }
      return list
    }
    guard bytes[i] == UInt8(ascii: "\"") else { throw Failure("no raster attributes") }
    i += 1
    let attributes = numbers()
    guard attributes.count == 4 else { throw Failure("raster attributes \(attributes)") }
    let (width, height) = (attributes[2], attributes[3])
    var pixels = [RGB?](repeating: nil, count: width * height)
    var palette: [Int: RGB] = [:]
    var color = 0
    var (x, band) = (0, 0)
    func component(_ percent: Int) -> UInt8 { UInt8((percent * 255 + 50) / 100) }
    while i < bytes.count - 2 {
      let c = bytes[i]
      switch c {
      case UInt8(ascii: "#"):
        i += 1
        let values = numbers()
        if values.count == 5 {
          guard values[1] == 2 else { throw Failure("colour space \(values[1])") }
          palette[values[0]] = RGB(component(values[2]), component(values[3]), component(values[4]))
        } else {
          color = values[0]
        }
      case UInt8(ascii: "$"):
        x = 0
        i += 1
      case UInt8(ascii: "-"):
        x = 0
        band += 6
        i += 1
      case UInt8(ascii: "!"), 63...126:
        var run = 1
        if c == UInt8(ascii: "!") {
          i += 1
          run = number()
        }
        let data = bytes[i]
        guard (63...126).contains(data) else { throw Failure("bad data byte \(data)") }
        guard let rgb = palette[color] else { throw Failure("colour \(color) not defined") }
        for _ in 0..<run {
          for bit in 0..<6 where (Int(data) - 63) & (1 << bit) != 0 {
            let y = band + bit
            guard x < width, y < height else { throw Failure("pixel \(x),\(y) outside") }
            pixels[y * width + x] = rgb
          }
          x += 1
        }
        i += 1
      default:
        throw Failure("unexpected byte \(c) at \(i)")
      }
    }
    return Sixel(width: width, height: height, pixels: pixels)
  }
}
