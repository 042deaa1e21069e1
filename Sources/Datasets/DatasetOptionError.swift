/// Why a `data` request cannot be served, before any file is touched.
public enum DatasetOptionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// An option value outside what the generator or loader accepts.
  case outOfRange(option: String, value: String, allowed: String)
  /// A file-based set other than the built-in MNIST sample was asked for with no folder.
  case folderRequired(dataset: String)
  /// `download` of a set that has no download source.
  case notDownloadable(dataset: String)

  public var description: String {
    switch self {
    case let .outOfRange(option, value, allowed):
      return "\(option)=\(value) is out of range; use \(allowed)"
    case .folderRequired(let dataset):
      return "\(dataset) needs its files; give their folder with path=DIR or --data-dir DIR"
        + (dataset == "cifar10" ? "" : ", or fetch them with `download \(dataset)`")
    case .notDownloadable(let dataset):
      return "\(dataset) cannot be downloaded; only mnist and fashion can"
    }
  }
}
