/// Why a data file could not be read, naming the file and what is wrong with it.
public enum DataFileError: Error, Hashable, Sendable, CustomStringConvertible {
  case missing(file: String)
  case malformed(file: String, problem: String)

  public var description: String {
    switch self {
    case .missing(let file): "\(file): no such file"
    case let .malformed(file, problem): "\(file): \(problem)"
    }
  }
}
