import Foundation

/// Paths and scratch folders shared by the Datasets tests.
enum Fixtures {
  /// The repository root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The shared MNIST cut (24,000 train / 10,000 test), or nil on a machine without it.
  ///
  /// `CNNREPL_MNIST_DIR` overrides; then `../shared/datasets/mnist`, then `/work/shared/…`.
  static let sharedMNIST: URL? = {
    var candidates = [
      root.appendingPathComponent("../shared/datasets/mnist").standardizedFileURL,
      URL(fileURLWithPath: "/work/shared/datasets/mnist"),
    ]
    if let dir = ProcessInfo.processInfo.environment["CNNREPL_MNIST_DIR"] {
      candidates.insert(URL(fileURLWithPath: dir), at: 0)
    }
    return candidates.first {
      FileManager.default.fileExists(
        atPath: $0.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path)
    }
  }()

  static var hasSharedMNIST: Bool { sharedMNIST != nil }

  /// A fresh empty folder under the temporary directory; `body` runs, then it is removed.
  static func withScratchFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = try makeScratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
  }

  /// A fresh empty folder under the temporary directory; the caller removes it.
  static func makeScratchFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("cnnrepl-datasets-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Big-endian IDX header: `00 00 08 DD` then the sizes.
  static func idxHeader(_ sizes: [Int], type: UInt8 = 0x08) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, type, UInt8(sizes.count)]
    for size in sizes {
      bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: size >> $0) }
    }
    return bytes
  }

  static func write(_ bytes: [UInt8], to url: URL) throws {
    try Data(bytes).write(to: url)
  }

  static func read(_ url: URL) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url))
  }
}
