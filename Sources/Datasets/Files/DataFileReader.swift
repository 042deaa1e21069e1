import Foundation

/// Reads a data file into memory, inflating it when it starts with the gzip magic bytes.
///
/// Raw and `.gz` files are told apart by their content, never by their name, so a raw file
/// called `….gz` (or a gzip file without the suffix) still loads. Every file is checked against
/// ``FileSizeLimit/dataFile`` before it is read, raw or compressed (the inflated size has the
/// same cap, ``Gzip/maximumOutputBytes``).
public enum DataFileReader {
  /// The bytes of `url`, decompressed if they are gzip.
  ///
  /// `checkRaw`, when given, sees the first 16 bytes (fewer if the file is shorter) and the
  /// file's size before a raw file is read whole, so a header that disagrees with the size is
  /// refused without reading the rest. Errors name the file's last component.
  public static func bytes(
    at url: URL, checkRaw: ((_ head: [UInt8], _ fileSize: Int) throws -> Void)? = nil
  ) throws -> [UInt8] {
    let name = url.lastPathComponent
    let file: OpenedFile
    do {
      file = try FileSizeLimit.dataFile.open(url.path)
      let head = try file.bytes(at: 0, count: min(16, file.size))
      if !Gzip.isGzip(head), let checkRaw { try checkRaw(head, file.size) }
      let bytes = try file.bytes(at: 0, count: file.size)
      return try decompressIfGzip(bytes, file: name)
    } catch let error as FileReadError {
      throw dataFileError(error, file: name, folder: url.deletingLastPathComponent().path)
    }
  }

  /// `error` as the ``DataFileError`` that names `file`.
  static func dataFileError(_ error: FileReadError, file: String, folder: String) -> DataFileError {
    switch error {
    case .missing: return .missing(file: file, folder: folder)
    case let .tooLarge(_, bytes, limit): return .tooLarge(file: file, bytes: bytes, limit: limit)
    default: return .unreadable(file: file, reason: error.reason)
    }
  }

  /// `bytes` inflated when they start with the gzip magic number, unchanged otherwise.
  public static func decompressIfGzip(_ bytes: [UInt8], file: String) throws -> [UInt8] {
    Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, file: file) : bytes
  }

  /// The first of `name.gz` and `name` that exists in `folder`.
  public static func locate(_ name: String, in folder: URL) throws -> URL {
    for candidate in [name + ".gz", name] {
      let url = folder.appendingPathComponent(candidate)
      if FileManager.default.fileExists(atPath: url.path) { return url }
    }
    throw DataFileError.missing(file: name, folder: folder.path)
  }

  /// Throws ``DataFileError/missingFolder(path:)`` unless `folder` is an existing folder.
  public static func requireFolder(_ folder: URL) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
      isFolder.boolValue
    else { throw DataFileError.missingFolder(path: folder.path) }
  }
}
