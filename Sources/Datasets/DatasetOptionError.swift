import Core

/// Why a `data` request cannot be served, before any file is touched (a
/// ``StudentFacingError``).
public enum DatasetOptionError: StudentFacingError, Hashable, Sendable {
  /// An option value outside what the generator or loader accepts.
  case outOfRange(option: String, value: String, allowed: String)
  /// A file-based set other than the built-in MNIST sample was asked for with no folder.
  case folderRequired(dataset: String)
  /// `download` of a set that has no download source.
  case notDownloadable(dataset: String)

  public var problem: String { parts.problem }
  public var hint: String { parts.hint }

  private var parts: (problem: String, hint: String) {
    switch self {
    case let .outOfRange(option, value, allowed):
      ("\(option)=\(value) is out of range", "use \(allowed)")
    case .folderRequired(let dataset):
      (
        "\(dataset) needs its files",
        "give their folder with path=DIR or --data-dir DIR"
          + (dataset == "cifar10" ? "" : ", or fetch them with `download \(dataset)`")
      )
    case .notDownloadable(let dataset):
      ("\(dataset) cannot be downloaded", "only mnist and fashion can")
    }
  }
}
