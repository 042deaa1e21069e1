import Foundation

/// Folders of the package, found from this file's location.
package enum Paths {
  package static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  package static var sessions: URL { packageRoot.appendingPathComponent("sessions") }

  /// A fresh empty temporary folder.
  package static func temporaryFolder(_ name: String = "cnnrepl-tests") -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
