import Core
import Foundation

/// The most bytes one kind of file may have, checked from the file's size (`fstat`) before a
/// single byte is read, so a file too big for memory is refused instead of aborting the process.
///
/// Every reader of outside files goes through ``open(_:)`` (or ``read(_:)``): data files (IDX,
/// CIFAR-10, CSV, raw or gzip), pictures, scripts and weights. The file is opened once, without
/// blocking (a FIFO or a device such as `/dev/zero` is refused, never read forever), and the
/// size checked is the size of the very file that is then read.
///
/// Rule: a reader allocates only after its file passed the limit; a reader that can (IDX,
/// safetensors) also checks its header against ``OpenedFile/size`` before reading the rest.
public struct FileSizeLimit: Hashable, Sendable {
  /// What the file is, as the refusal names it: "a data file", "a script".
  public var kind: String
  public var maximumBytes: Int
  /// What a student can do about a file over the limit (the hint of
  /// ``FileReadError/tooLarge(path:bytes:limit:)``).
  public var advice: String

  public init(
    kind: String, maximumBytes: Int, advice: String = "check that this is the right file"
  ) {
    self.kind = kind
    self.maximumBytes = maximumBytes
    self.advice = advice
  }

  /// IDX, CIFAR-10 batches and CSV files, raw or gzip: 2 GiB, the same cap as the inflated
  /// size of a gzip file (``Gzip/maximumOutputBytes``). MNIST's largest file is 47 MiB raw.
  public static let dataFile = FileSizeLimit(kind: "a data file", maximumBytes: 1 << 31)

  /// One picture of a `data folder`: 512 MiB, more than the largest picture
  /// ``ImageDecoder/maxPixels`` allows can take (64 Mpx of 16-bit RGB PPM is 384 MiB).
  public static let picture = FileSizeLimit(kind: "a picture", maximumBytes: 512 << 20)

  /// Opens `path` for reading after checking it is a regular file within the limit.
  public func open(_ path: String) throws(FileReadError) -> OpenedFile {
    let descriptor = openWithoutBlocking(path)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR { throw .missing(path: path) }
      throw .unreadable(path: path, reason: String(cString: strerror(code)))
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      throw .unreadable(path: path, reason: reason)
    }
    let type = info.st_mode & S_IFMT
    guard type == S_IFREG else {
      close(descriptor)
      throw type == S_IFDIR ? .folder(path: path) : .notRegularFile(path: path)
    }
    let size = Int(info.st_size)
    guard size <= maximumBytes else {
      close(descriptor)
      throw .tooLarge(path: path, bytes: size, limit: self)
    }
    return OpenedFile(path: path, descriptor: descriptor, size: size)
  }

  /// The whole of `path`, after ``open(_:)``'s checks.
  public func read(_ path: String) throws(FileReadError) -> [UInt8] {
    let file = try open(path)
    return try file.bytes(at: 0, count: file.size)
  }

  /// `2 GiB`, `512 MiB`, `4.5 GiB`: whole numbers without a `.0`.
  public static func describe(_ bytes: Int) -> String {
    let text = MemoryBudget.describe(bytes)
    return text.replacingOccurrences(of: ".0 ", with: " ")
  }
}

/// `open(2)` for reading, never waiting for a FIFO's writer (outside the type, whose own
/// `open` would shadow the system's).
private func openWithoutBlocking(_ path: String) -> Int32 {
  open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
}
