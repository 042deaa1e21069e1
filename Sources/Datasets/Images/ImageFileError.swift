/// Why one image file of a folder was skipped; `description` is the short reason shown after
/// the file's name (`cats/x.png: not a PNG image`).
public enum ImageFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Zero bytes.
  case empty
  /// The file cannot be read (a permission, an I/O error).
  case unreadable(reason: String)
  /// The bytes start with no known magic; `expected` names the format its extension promised.
  case unknownFormat(expected: String?)
  /// libpng refused the PNG (truncated, bad CRC, bad chunk); its message.
  case badPNG(message: String)
  /// A PGM/PPM header that cannot be parsed (`P5` then width, height, maxval).
  case badHeader(format: String, reason: String)
  /// The PGM/PPM pixel data stops early.
  case truncated(format: String, samples: Int, expected: Int)
  /// A PGM/PPM sample above the header's maxval, or a maxval outside 1…65535.
  case badSample(format: String, value: Int, maxval: Int)
  /// Wider or taller than ``ImageDecoder/maxSide`` (or more pixels than it allows).
  case tooLarge(width: Int, height: Int)
  /// The file is bigger than ``FileSizeLimit/picture`` (refused before it is read).
  case fileTooLarge(bytes: Int, limit: FileSizeLimit)

  public var description: String {
    switch self {
    case .empty: return "empty file"
    case .unreadable(let reason): return "cannot be read (\(reason))"
    case .unknownFormat(let expected):
      if let expected { return "not a \(expected) image" }
      return "not a PNG, PGM or PPM image"
    case .badPNG(let message): return "damaged PNG (\(message))"
    case let .badHeader(format, reason): return "bad \(format) header (\(reason))"
    case let .truncated(format, samples, expected):
      return "\(format) data stops after \(samples) of \(expected) samples"
    case let .badSample(format, value, maxval):
      return maxval < 1 || maxval > 65535
        ? "\(format) maxval \(maxval) is outside 1…65535"
        : "\(format) sample \(value) is above maxval \(maxval)"
    case let .tooLarge(width, height): return "\(width)x\(height) pixels is too large"
    case let .fileTooLarge(bytes, limit):
      return FileReadError.tooLarge(path: "", bytes: bytes, limit: limit).problem
    }
  }
}
