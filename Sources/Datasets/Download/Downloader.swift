import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Fetches a ``DownloadSource`` into a folder, checking each file's MD5.
///
/// Each file streams into `NAME.part` and is renamed to `NAME` only once its MD5 matches, so an
/// interrupted download never leaves a file that looks complete. A `.part` left by an earlier
/// attempt is resumed with an HTTP `Range` request (or restarted when the server answers 200);
/// if the resumed file fails the check, it is fetched once more from the start. A file already
/// present with the right MD5 is not fetched again. Blocks the calling thread.
public struct Downloader: Sendable {
  /// What happened to one file.
  public enum Outcome: Hashable, Sendable {
    case alreadyPresent
    case downloaded(bytes: Int)
    case resumed(fromByte: Int, bytes: Int)
  }

  /// One line of the result: the file, its outcome.
  public struct Report: Hashable, Sendable {
    public var file: String
    public var outcome: Outcome
  }

  /// Seconds without data before a request fails.
  public var timeout: TimeInterval

  public init(timeout: TimeInterval = 60) { self.timeout = timeout }

  /// Downloads every file of `source` into `folder` (created if needed).
  public func fetch(_ source: DownloadSource, into folder: URL) throws -> [Report] {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw DownloadError.cannotWrite(path: folder.path, reason: error.localizedDescription)
    }
    let base = source.baseURL.hasSuffix("/") ? source.baseURL : source.baseURL + "/"
    return try source.files.map { file in
      guard let url = URL(string: base + file.name), url.scheme != nil, url.host != nil else {
        throw DownloadError.badURL(base + file.name)
      }
      return Report(file: file.name, outcome: try fetch(file, from: url, into: folder))
    }
  }

  func fetch(_ file: DownloadSource.File, from url: URL, into folder: URL) throws -> Outcome {
    let target = folder.appendingPathComponent(file.name)
    let part = folder.appendingPathComponent(file.name + ".part")
    if (try? md5(of: target)) == file.md5 { return .alreadyPresent }
    let existing =
      (try? FileManager.default.attributesOfItem(atPath: part.path)[.size] as? Int) ?? 0
    if existing > 0 {
      if try md5(of: part) == file.md5 {
        try finish(part, as: target)
        return .resumed(fromByte: existing, bytes: existing)
      }
      do {
        let bytes = try transfer(url, to: part, resumeFrom: existing, limit: file.maximumBytes)
        guard bytes.resumed else {
          try verify(part, file)  // the server sent the whole file (200)
          try finish(part, as: target)
          return .downloaded(bytes: bytes.total)
        }
        if try md5(of: part) == file.md5 {
          try finish(part, as: target)
          return .resumed(fromByte: existing, bytes: bytes.total)
        }
        // The .part was not a prefix of this file: start over below, once.
      } catch DownloadError.httpStatus {
        // e.g. 416: the server cannot resume this .part; start over below.
      }
    }
    try? FileManager.default.removeItem(at: part)
    let bytes = try transfer(url, to: part, resumeFrom: 0, limit: file.maximumBytes)
    try verify(part, file)
    try finish(part, as: target)
    return .downloaded(bytes: bytes.total)
  }

  /// One HTTP GET streamed into `part`, never past `limit` bytes; returns its final size and
  /// whether it appended. A transfer that passes `limit` removes `part`.
  func transfer(_ url: URL, to part: URL, resumeFrom offset: Int, limit: Int) throws -> (
    total: Int, resumed: Bool
  ) {
    var request = URLRequest(url: url, timeoutInterval: timeout)
    if offset > 0 { request.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range") }
    let writer = PartFileWriter(part: part, resumeFrom: offset, maximumBytes: limit)
    let session = URLSession(configuration: .ephemeral, delegate: writer, delegateQueue: nil)
    session.dataTask(with: request).resume()
    let result = writer.wait()
    session.finishTasksAndInvalidate()
    switch result {
    case .success(let outcome): return outcome
    case .failure(let failure):
      switch failure {
      case .status(let status):
        throw DownloadError.httpStatus(url: url.absoluteString, status: status)
      case .transport(let reason):
        throw DownloadError.transport(url: url.absoluteString, reason: reason)
      case .write(let reason): throw DownloadError.cannotWrite(path: part.path, reason: reason)
      case .tooLarge:
        try? FileManager.default.removeItem(at: part)
        throw DownloadError.tooLarge(url: url.absoluteString, limit: limit)
      }
    }
  }

  /// Deletes `part` and throws ``DownloadError/checksumMismatch`` unless its MD5 is `file.md5`.
  func verify(_ part: URL, _ file: DownloadSource.File) throws {
    let actual = try md5(of: part)
    guard actual == file.md5 else {
      try? FileManager.default.removeItem(at: part)
      throw DownloadError.checksumMismatch(file: file.name, expected: file.md5, actual: actual)
    }
  }

  func md5(of url: URL) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: url.path) else {
      throw DownloadError.cannotWrite(path: url.path, reason: "cannot be opened")
    }
    defer { try? handle.close() }
    var md5 = MD5()
    while true {
      let chunk = handle.readData(ofLength: 1 << 20)
      if chunk.isEmpty { break }
      md5.update(chunk)
    }
    return md5.hexDigest()
  }

  func finish(_ part: URL, as target: URL) throws {
    do {
      if FileManager.default.fileExists(atPath: target.path) {
        try FileManager.default.removeItem(at: target)
      }
      try FileManager.default.moveItem(at: part, to: target)
    } catch {
      throw DownloadError.cannotWrite(path: target.path, reason: error.localizedDescription)
    }
  }
}
