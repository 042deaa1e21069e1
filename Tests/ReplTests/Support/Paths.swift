import Foundation

/// Folders of the package, found from this file's location.
enum Paths {
  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  static var sessions: URL { packageRoot.appendingPathComponent("sessions") }

  /// A fresh empty temporary folder.
  static func temporaryFolder(_ name: String = "cnnrepl-tests") -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
