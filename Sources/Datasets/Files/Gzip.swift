import CZlib
import Core

/// gzip decompression through zlib, with every failure turned into a ``DataFileError``.
///
/// Uses `inflateInit2` with `windowBits = 15 + 16` (gzip header and CRC-32/ISIZE trailer
/// checked). Concatenated gzip members are inflated one after the other, as `gunzip` does.
public enum Gzip {
  /// The two magic bytes every gzip stream starts with (RFC 1952).
  public static let magic: [UInt8] = [0x1F, 0x8B]

  /// Largest output accepted: a corrupt length can never make us allocate without bound.
  /// The same cap as a raw data file's size (``FileSizeLimit/dataFile``).
  public static let maximumOutputBytes = FileSizeLimit.dataFile.maximumBytes

  /// True when `bytes` start with the gzip magic number.
  public static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == magic[0] && bytes[1] == magic[1]
  }

  /// Inflates a whole gzip file held in memory; `file` names it in errors.
  public static func decompress(_ bytes: [UInt8], file: String) throws -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(min(maximumOutputBytes, max(1 << 16, bytes.count * 4)))
    var chunk = [UInt8](repeating: 0, count: 1 << 18)
    var stream = z_stream()
    guard cnn_inflateInit2(&stream, 15 + 16) == Z_OK else {
      throw DataFileError.corruptGzip(file: file, reason: "zlib could not start")
    }
    defer { inflateEnd(&stream) }

    try bytes.withUnsafeBufferPointer { input in
      guard let base = input.baseAddress else { throw DataFileError.truncatedGzip(file: file) }
      stream.next_in = UnsafeMutablePointer(mutating: base)
      stream.avail_in = UInt32(input.count)
      while true {
        let produced: Int
        let status: Int32
        (status, produced) = chunk.withUnsafeMutableBufferPointer { out in
          stream.next_out = out.baseAddress
          stream.avail_out = UInt32(out.count)
          let status = inflate(&stream, Z_NO_FLUSH)
          return (status, out.count - Int(stream.avail_out))
        }
        if output.count + produced > maximumOutputBytes {
          throw DataFileError.corruptGzip(
            file: file,
            reason: "inflates to more than \(FileSizeLimit.describe(maximumOutputBytes))")
        }
        output.append(contentsOf: chunk[0..<produced])
        switch status {
        case Z_OK:
          continue
        case Z_STREAM_END:
          let consumed = input.count - Int(stream.avail_in)
          if stream.avail_in == 0 { return }
          let rest = input[consumed...]
          guard rest.count >= 2, rest[consumed] == magic[0], rest[consumed + 1] == magic[1] else {
            throw DataFileError.corruptGzip(
              file: file, reason: "\(grouped(rest.count)) stray bytes after the compressed data")
          }
          guard inflateReset(&stream) == Z_OK else {
            throw DataFileError.corruptGzip(file: file, reason: "zlib could not restart")
          }
        case Z_BUF_ERROR where stream.avail_in == 0:
          throw DataFileError.truncatedGzip(file: file)
        default:
          let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
          throw DataFileError.corruptGzip(file: file, reason: reason)
        }
      }
    }
    return output
  }
}
