import Foundation

/// Reads a data file into memory, inflating it when it starts with the gzip magic bytes.
///
/// Raw and `.gz` files are told apart by their content, never by their name, so a raw file
/// called `….gz` (or a gzip file without the suffix) still loads.
public enum DataFileReader {
  /// The bytes of `url`, decompressed if they are gzip.
  ///
  /// Errors name the file's last component.
  public static func bytes(at url: URL) throws -> [UInt8] {
    let name = url.lastPathComponent
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw DataFileError.missing(file: name, folder: url.deletingLastPathComponent().path)
    }
    if isFolder.boolValue { throw DataFileError.unreadable(file: name, reason: "it is a folder") }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw DataFileError.unreadable(file: name, reason: error.localizedDescription)
    }
    return try decompressIfGzip([UInt8](data), file: name)
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
