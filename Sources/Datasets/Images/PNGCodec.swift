import CPNGCodec

/// PNG through libpng's simplified API, called from C (``CPNGCodec``) because libpng's errors
/// longjmp and Swift frames cannot be jumped over.
///
/// Gray and gray+alpha files decode to 1 channel, every other colour type to 3; alpha is
/// composited onto black; 16-bit files are reduced to 8 bits the way libpng's simplified API
/// does (it treats them as linear light and encodes sRGB).
public enum PNGCodec {
  /// The 8 bytes every PNG starts with.
  public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// Decodes `bytes`, refusing images with more than `maxPixels` pixels before allocating.
  public static func decode(_ bytes: [UInt8], maxPixels: Int = ImageDecoder.maxPixels)
    throws(ImageFileError) -> DecodedImage
  {
    var pixels = cnn_png_pixels()
    var message = [CChar](repeating: 0, count: Int(CNN_PNG_MESSAGE_SIZE))
    let ok = bytes.withUnsafeBufferPointer { buffer in
      message.withUnsafeMutableBufferPointer { text in
        cnn_png_decode(
          buffer.baseAddress, buffer.count, UInt64(maxPixels), &pixels, text.baseAddress)
      }
    }
    guard ok == 1, let samples = pixels.samples else {
      let reason = String(
        decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
        as: UTF8.self)
      if reason == "not a PNG image" { throw .unknownFormat(expected: "PNG") }
      if reason == "image too large" {
        throw .tooLarge(width: Int(pixels.width), height: Int(pixels.height))
      }
      throw .badPNG(message: reason.isEmpty ? "libpng gave no reason" : reason)
    }
    defer { cnn_png_free(&pixels) }
    let count = Int(pixels.width) * Int(pixels.height) * Int(pixels.channels)
    let values = UnsafeBufferPointer(start: samples, count: count).map { Float($0) }
    return DecodedImage(
      width: Int(pixels.width), height: Int(pixels.height), channels: Int(pixels.channels),
      samples: values)
  }

  /// Encodes 8-bit samples (HWC, 1 or 3 channels) as PNG bytes (tests and fixtures).
  public static func encode(_ samples: [UInt8], width: Int, height: Int, channels: Int)
    throws(ImageFileError) -> [UInt8]
  {
    guard samples.count == width * height * channels, width > 0, height > 0,
      channels == 1 || channels == 3
    else {
      throw .badPNG(message: "\(samples.count) samples do not make \(width)x\(height)x\(channels)")
    }
    var png: UnsafeMutablePointer<UInt8>?
    var count = 0
    var message = [CChar](repeating: 0, count: Int(CNN_PNG_MESSAGE_SIZE))
    let ok = samples.withUnsafeBufferPointer { buffer in
      message.withUnsafeMutableBufferPointer { text in
        cnn_png_encode(
          buffer.baseAddress, UInt32(width), UInt32(height), UInt32(channels), &png, &count,
          text.baseAddress)
      }
    }
    guard ok == 1, let png else {
      let reason = String(
        decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
        as: UTF8.self)
      throw .badPNG(message: reason)
    }
    defer { cnn_png_free_bytes(png) }
    return Array(UnsafeBufferPointer(start: png, count: count))
  }
}
