/// Netpbm gray and colour images: PGM (`P2` text, `P5` binary) and PPM (`P3` text, `P6`
/// binary), maxval 1…65535.
///
/// Header: magic, width, height, maxval as decimal numbers separated by whitespace, `#`
/// comments to the end of a line anywhere between them; binary data starts after exactly one
/// whitespace byte and holds 1 byte per sample (maxval < 256) or 2 bytes big-endian. A sample
/// `v` becomes `v·255/maxval`. Bytes after the last sample are ignored (Netpbm allows several
/// images per file; the first is read).
public enum PNMDecoder {
  /// True when `bytes` start with `P2`, `P3`, `P5` or `P6`.
  public static func recognizes(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == UInt8(ascii: "P")
      && [UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "5"), UInt8(ascii: "6")].contains(
        bytes[1])
  }

  public static func decode(_ bytes: [UInt8], maxPixels: Int = ImageDecoder.maxPixels)
    throws(ImageFileError) -> DecodedImage
  {
    guard recognizes(bytes) else { throw .unknownFormat(expected: "PGM or PPM") }
    let kind = bytes[1]
    let format = kind == UInt8(ascii: "2") || kind == UInt8(ascii: "5") ? "PGM" : "PPM"
    let channels = format == "PGM" ? 1 : 3
    let isText = kind == UInt8(ascii: "2") || kind == UInt8(ascii: "3")
    var reader = Reader(bytes: bytes, position: 2)
    guard let width = reader.number(), let height = reader.number() else {
      throw .badHeader(format: format, reason: "width and height missing")
    }
    guard let maxval = reader.number() else {
      throw .badHeader(format: format, reason: "maxval missing")
    }
    guard width > 0, height > 0 else {
      throw .badHeader(format: format, reason: "\(width)x\(height) has no pixels")
    }
    guard width <= ImageDecoder.maxSide, height <= ImageDecoder.maxSide,
      width * height <= maxPixels
    else { throw .tooLarge(width: width, height: height) }
    guard (1...65535).contains(maxval) else {
      throw .badSample(format: format, value: maxval, maxval: maxval)
    }
    let count = width * height * channels
    let scale = 255 / Float(maxval)
    var samples = [Float](repeating: 0, count: count)
    if isText {
      for i in 0..<count {
        guard let value = reader.number() else {
          throw .truncated(format: format, samples: i, expected: count)
        }
        guard value <= maxval else {
          throw .badSample(format: format, value: value, maxval: maxval)
        }
        samples[i] = Float(value) * scale
      }
    } else {
      // Exactly one whitespace byte ends the header.
      guard reader.position < bytes.count, Reader.isSpace(bytes[reader.position]) else {
        throw .badHeader(format: format, reason: "no whitespace after maxval")
      }
      let start = reader.position + 1
      let width2 = maxval > 255 ? 2 : 1
      let available = (bytes.count - start) / width2
      guard available >= count else {
        throw .truncated(format: format, samples: available, expected: count)
      }
      try bytes.withUnsafeBufferPointer { (source) throws(ImageFileError) in
        for i in 0..<count {
          let at = start + i * width2
          let value = width2 == 2 ? Int(source[at]) << 8 | Int(source[at + 1]) : Int(source[at])
          guard value <= maxval else {
            throw .badSample(format: format, value: value, maxval: maxval)
          }
          samples[i] = Float(value) * scale
        }
      }
    }
    return DecodedImage(width: width, height: height, channels: channels, samples: samples)
  }

  /// Reads whitespace-separated decimal numbers, skipping `#` comments.
  private struct Reader {
    let bytes: [UInt8]
    var position: Int

    static func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    /// The next number, or nil at the end or before a byte that is not a digit.
    ///
    /// Numbers above 10⁹ are refused as nil (no header needs them and they could overflow).
    mutating func number() -> Int? {
      while position < bytes.count {
        if Self.isSpace(bytes[position]) {
          position += 1
        } else if bytes[position] == UInt8(ascii: "#") {
          while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D {
            position += 1
          }
        } else {
          break
        }
      }
      var value = 0
      var digits = 0
      let decimal = UInt8(ascii: "0")...UInt8(ascii: "9")
      while position < bytes.count, decimal.contains(bytes[position]) {
        value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
        digits += 1
        position += 1
        if value > 1_000_000_000 { return nil }
      }
      return digits > 0 ? value : nil
    }
  }
}
