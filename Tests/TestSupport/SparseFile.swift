import Foundation

/// Huge files that take no disk space, for checking that readers refuse them unread.
public enum SparseFile {
  /// Writes `head` at the start of `path`, then extends the file with a hole to `size` bytes
  /// (`ftruncate`): the file reports `size` bytes but occupies only `head`'s blocks.
  public static func make(_ path: String, size: Int, head: [UInt8] = []) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    defer { close(descriptor) }
    let written = head.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == head.count, ftruncate(descriptor, off_t(size)) == 0 else {
      throw CocoaError(.fileWriteUnknown)
    }
  }

  /// 1 TiB: more than any test machine's memory, so a reader that allocated for the file
  /// would abort the test process instead of failing one test.
  public static let moreThanMemory = 1 << 40

  /// Bytes this process has read from files and sockets so far (`rchar` of `/proc/self/io`),
  /// or nil where that is not available. A test reads it before and after a refusal to show
  /// the refused file was not read (other tests running meanwhile read far less than the
  /// gigabytes such a file would take).
  public static func bytesReadByThisProcess() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("rchar:") })
    else { return nil }
    return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
  }
}
