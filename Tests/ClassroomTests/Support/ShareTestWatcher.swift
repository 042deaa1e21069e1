import Classroom
import Foundation
import Repl

#if canImport(Glibc)
  import Glibc
#endif

/// A raw watcher for the publisher's tests: connects to the socket and reads frames with a
/// time limit (it can also stay silent to play a stalled student).
final class ShareTestWatcher {
  let fd: Int32
  private var buffer: [UInt8] = []

  init(path: String) throws {
    fd = try ShareSocket.connect(path: path)
    var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit { close(fd) }

  /// Sends raw bytes (a frame or anything else).
  @discardableResult
  func send(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      == bytes.count
  }

  /// Frames read until `condition` holds for the frames so far, or `seconds` pass; nil when
  /// the teacher closed the connection before.
  func read(seconds: Double = 5, until condition: ([ShareFrame]) -> Bool) throws -> [ShareFrame] {
    var frames: [ShareFrame] = []
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline, !condition(frames) {
      while buffer.count >= 4, buffer.count >= 4 + ShareFrame.length(prefix: buffer) {
        let length = ShareFrame.length(prefix: buffer)
        frames.append(try ShareFrame(payload: Array(buffer[4..<4 + length])))
        buffer.removeFirst(4 + length)
        if condition(frames) { return frames }
      }
      var chunk = [UInt8](repeating: 0, count: 65536)
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n == 0 { break }
      if n > 0 { buffer += chunk[0..<n] }
    }
    return frames
  }

  /// Whether the teacher has closed this connection (reads end of file within `seconds`).
  func isClosed(within seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    var chunk = [UInt8](repeating: 0, count: 65536)
    while Date() < deadline {
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        return true
      }
    }
    return false
  }
}
