import Foundation

/// The sessions gallery: the golden transcripts and the step-mode tests walk the same scripts.
package enum Gallery {
  /// Every `sessions/*.cnn`; an unreadable folder gives one name that fails (never zero cases).
  package static var scripts: [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: Paths.sessions.path)
    else { return ["<the sessions folder cannot be read>"] }
    return names.filter { $0.hasSuffix(".cnn") }.map { String($0.dropLast(4)) }.sorted()
  }
}
