import Foundation

/// Reads one image file of any supported format, chosen by its first bytes (never by its
/// name): PNG (``PNGCodec``), PGM/PPM (``PNMDecoder``).
public enum ImageDecoder {
  /// Largest width or height accepted.
  public static let maxSide = 16_384
  /// Most pixels one image may have (64 Mpx), checked from the header before decoding.
  public static let maxPixels = 64 * 1024 * 1024

  /// Decodes `bytes`; `name` (the file name) only picks the wording of an unknown format.
  public static func decode(_ bytes: [UInt8], name: String = "") throws(ImageFileError)
    -> DecodedImage
  {
    guard !bytes.isEmpty else { throw .empty }
    if bytes.starts(with: PNGCodec.signature) { return try PNGCodec.decode(bytes) }
    if PNMDecoder.recognizes(bytes) { return try PNMDecoder.decode(bytes) }
    switch (name as NSString).pathExtension.lowercased() {
    case "png": throw .unknownFormat(expected: "PNG")
    case "pgm": throw .unknownFormat(expected: "PGM")
    case "ppm": throw .unknownFormat(expected: "PPM")
    case "pnm": throw .unknownFormat(expected: "PGM or PPM")
    default: throw .unknownFormat(expected: nil)
    }
  }

  /// Reads and decodes the file at `url`, refused unread when bigger than
  /// ``FileSizeLimit/picture``.
  public static func decode(contentsOf url: URL) throws(ImageFileError) -> DecodedImage {
    let bytes: [UInt8]
    do {
      bytes = try FileSizeLimit.picture.read(url.path)
    } catch {
      if case let .tooLarge(_, size, limit) = error {
        throw .fileTooLarge(bytes: size, limit: limit)
      }
      throw .unreadable(reason: error.reason)
    }
    return try decode(bytes, name: url.lastPathComponent)
  }
}
