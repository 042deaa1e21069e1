/// A raster as DEC sixel: `ESC P 0;1;0 q "1;1;W;H`, the palette, the pixels, `ESC \`.
///
/// The palette is `#i;2;r;g;b` with each component in percent (0...100). Pixels go in bands of
/// six rows; in a band, each colour's row is `#i` then one character per column, `63 + bits`
/// where bit k is set when row k of the band has that colour (runs of four or more as
/// `!n<char>`), colours separated by `$` (back to the band's start), bands by `-`. A raster
/// with at most 256 colours keeps them all exactly (up to the percent steps); one with more is
/// reduced to the 6x6x6 cube of levels `51·k`. `P2 = 1` leaves unpainted pixels as they are;
/// every pixel here is painted.
public enum SixelEncoder {
  /// Colours a terminal keeps for one image (VT340 had 16; xterm, foot, WezTerm have 256).
  public static let maxColors = 256

  public static func encode(_ raster: PictureRaster) -> String {
    let (indices, palette) = quantized(raster)
    var out = [UInt8]()
    out.reserveCapacity(raster.width * raster.height / 3 + palette.count * 20 + 64)
    func append(_ s: String) { out.append(contentsOf: s.utf8) }
    append("\u{1B}P0;1;0q\"1;1;\(raster.width);\(raster.height)")
    for (i, color) in palette.enumerated() {
      append("#\(i);2;\(percent(color.red));\(percent(color.green));\(percent(color.blue))")
    }
    let width = raster.width
    var bits = [UInt8](repeating: 0, count: width)
    var band = 0
    while band < raster.height {
      let rows = min(6, raster.height - band)
      var present = [Bool](repeating: false, count: palette.count)
      for row in 0..<rows {
        for x in 0..<width { present[Int(indices[(band + row) * width + x])] = true }
      }
      var firstColor = true
      for color in palette.indices where present[color] {
        for x in 0..<width {
          var b: UInt8 = 0
          for row in 0..<rows where Int(indices[(band + row) * width + x]) == color {
            b |= 1 << UInt8(row)
          }
          bits[x] = b
        }
        var end = width
        while end > 0 && bits[end - 1] == 0 { end -= 1 }
        if !firstColor { out.append(UInt8(ascii: "$")) }
        firstColor = false
        append("#\(color)")
        var x = 0
        while x < end {
          var run = 1
          while x + run < end && bits[x + run] == bits[x] { run += 1 }
          let character = 63 + bits[x]
          if run >= 4 {
            append("!\(run)")
            out.append(character)
          } else {
            out.append(contentsOf: repeatElement(character, count: run))
          }
          x += run
        }
      }
      band += 6
      if band < raster.height { out.append(UInt8(ascii: "-")) }
    }
    append("\u{1B}\\")
    return String(decoding: out, as: UTF8.self)
  }

  /// The component `v` (0...255) in percent, rounded.
  static func percent(_ v: UInt8) -> Int { (Int(v) * 100 + 127) / 255 }

  /// Each pixel's palette index and the palette: the raster's own colours when there are at
  /// most ``maxColors``, the 6x6x6 cube otherwise.
  static func quantized(_ raster: PictureRaster) -> (indices: [UInt8], palette: [RGB]) {
    let count = raster.width * raster.height
    var indices = [UInt8](repeating: 0, count: count)
    var table: [UInt32: UInt8] = [:]
    var palette: [RGB] = []
    var exact = true
    raster.samples.withUnsafeBufferPointer { s in
      for i in 0..<count {
        let key = UInt32(s[3 * i]) << 16 | UInt32(s[3 * i + 1]) << 8 | UInt32(s[3 * i + 2])
        if let index = table[key] {
          indices[i] = index
        } else if palette.count < maxColors {
          table[key] = UInt8(palette.count)
          indices[i] = UInt8(palette.count)
          palette.append(RGB(s[3 * i], s[3 * i + 1], s[3 * i + 2]))
        } else {
          exact = false
          return
        }
      }
    }
    if exact { return (indices, palette) }
    func level(_ v: UInt8) -> Int { (Int(v) * 5 + 127) / 255 }
    palette = (0..<216).map { (k: Int) -> RGB in
      let red = UInt8(51 * (k / 36))
      let green = UInt8(51 * (k / 6 % 6))
      let blue = UInt8(51 * (k % 6))
      return RGB(red, green, blue)
    }
    raster.samples.withUnsafeBufferPointer { s in
      for i in 0..<count {
        let cube: Int = 36 * level(s[3 * i]) + 6 * level(s[3 * i + 1]) + level(s[3 * i + 2])
        indices[i] = UInt8(cube)
      }
    }
    return (indices, palette)
  }
}
