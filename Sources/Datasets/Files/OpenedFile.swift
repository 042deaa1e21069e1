import Foundation

/// A regular file opened for reading by ``FileSizeLimit/open(_:)``, with its size as it was
/// when opened, so a reader can check a header against it before reading the rest.
///
/// Reads are by offset (`pread`) and must return every byte asked for: a file that shrank since
/// it was opened is refused (``FileReadError/changed(path:)``), never read short. The
/// descriptor is closed when the value goes away.
public final class OpenedFile {
  /// As given to ``FileSizeLimit/open(_:)``.
  public let path: String
  /// Bytes, from `fstat` at opening.
  public let size: Int
  private let descriptor: Int32

  init(path: String, descriptor: Int32, size: Int) {
    self.path = path
    self.descriptor = descriptor
    self.size = size
  }

  deinit { close(descriptor) }

  /// The file's last path component, as data-file errors name it.
  public var name: String { (path as NSString).lastPathComponent }

  /// Exactly `count` bytes from `offset`; the range must lie inside ``size``.
  public func bytes(at offset: Int, count: Int) throws(FileReadError) -> [UInt8] {
    guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
      throw .changed(path: path)
    }
    var failure: FileReadError?
    let result = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      var done = 0
      while done < count {
        let n = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
        if n < 0, errno == EINTR { continue }
        if n < 0 {
          failure = .unreadable(path: path, reason: String(cString: strerror(errno)))
          break
        }
        if n == 0 {
          failure = .changed(path: path)
          break
        }
        done += n
      }
      initialized = failure == nil ? count : 0
    }
    if let failure { throw failure }
    return result
  }
}
