#if canImport(Glibc)
  import Glibc
#endif

/// Reads whole frames from a blocking socket (the watcher's side).
struct FrameReader {
  let fd: Int32

  /// The next frame, or nil when the teacher closed the connection.
  func next() throws(ShareError) -> ShareFrame? {
    guard let prefix = read(4) else { return nil }
    let length = ShareFrame.length(prefix: prefix)
    guard length <= ShareFrame.maxLength else {
      throw .malformedFrame("a frame of \(length) bytes")
    }
    guard let payload = read(length) else { return nil }
    return try ShareFrame(payload: payload)
  }

  /// Bytes read at most per call: a frame that announces 256 MiB and sends nothing costs the
  /// watcher one chunk, not the announced size.
  static let chunk = 1 << 20

  private func read(_ count: Int) -> [UInt8]? {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: min(count, Self.chunk))
    while bytes.count < count {
      let wanted = min(chunk.count, count - bytes.count)
      let n = chunk.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return recv(fd, base, wanted, 0)
      }
      if n < 0, errno == EINTR { continue }
      guard n > 0 else { return nil }
      bytes += chunk[0..<n]
    }
    return bytes
  }
}
