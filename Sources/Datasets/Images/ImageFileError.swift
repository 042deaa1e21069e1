import Core

/// Why one image file of a folder was skipped.
///
/// A ``StudentFacingError`` that a student reads in a list of skipped files: `problem` is the
/// short reason shown after the file's name (`cats/x.png: not a PNG image`), `hint` what to do
/// about that one file.
public enum ImageFileError: StudentFacingError, Hashable, Sendable {
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

  /// The short reason, without the file's name: `not a PNG image`.
  public var problem: String {
    switch self {
    case .empty: "empty file"
    case .unreadable(let reason): "cannot be read (\(reason))"
    case .unknownFormat(let expected):
      if let expected { "not a \(expected) image" } else { "not a PNG, PGM or PPM image" }
    case .badPNG(let message): "damaged PNG (\(message))"
    case let .badHeader(format, reason): "bad \(format) header (\(reason))"
    case let .truncated(format, samples, expected):
      "\(format) data stops after \(samples) of \(expected) samples"
    case let .badSample(format, value, maxval):
      maxval < 1 || maxval > 65535
        ? "\(format) maxval \(maxval) is outside 1…65535"
        : "\(format) sample \(value) is above maxval \(maxval)"
    case let .tooLarge(width, height): "\(width)x\(height) pixels is too large"
    case let .fileTooLarge(bytes, limit):
      FileReadError.tooLarge(path: "", bytes: bytes, limit: limit).reason
    }
  }

  public var hint: String {
    switch self {
    case .empty, .badPNG, .badHeader, .truncated, .badSample:
      "save the image again as PNG, PGM or PPM, or remove it"
    case .unreadable: "check the file's permissions"
    case .unknownFormat: "use PNG, PGM or PPM files"
    case .tooLarge:
      "make it at most \(ImageDecoder.maxSide) pixels a side and "
        + "\(ImageDecoder.maxPixels / (1024 * 1024)) Mpx in all"
    case .fileTooLarge: "use a smaller picture or check that this is the right file"
    }
  }
}
