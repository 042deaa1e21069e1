import Core

/// Why `download NAME` failed, naming the file or address and what to do (a
/// ``StudentFacingError`` whose `problem` starts with the file or address).
public enum DownloadError: StudentFacingError, Hashable, Sendable {
  /// The base address is not a URL.
  case badURL(String)
  /// The connection failed or timed out; the `.part` file is kept so a retry resumes.
  case transport(url: String, reason: String)
  /// The server answered with an HTTP status other than 200 or 206.
  case httpStatus(url: String, status: Int)
  /// The bytes received do not have the published MD5; nothing is kept.
  case checksumMismatch(file: String, expected: String, actual: String)
  /// The data folder or a file in it cannot be written.
  case cannotWrite(path: String, reason: String)
  /// The server sent (or announced) more than ``DownloadSource/File/maximumBytes``; the
  /// transfer was cancelled and nothing was kept.
  case tooLarge(url: String, limit: Int)

  public var problem: String { parts.problem }
  public var hint: String { parts.hint }

  private var parts: (problem: String, hint: String) {
    switch self {
    case .badURL(let text):
      ("\(text): not a URL", "give the base address as http://host/path/")
    case let .transport(url, reason):
      ("\(url): \(reason)", "check the network or the base URL, then download again (it resumes)")
    case let .httpStatus(url, status):
      ("\(url): the server answered HTTP \(status)", "check the base URL")
    case let .checksumMismatch(file, expected, actual):
      (
        "\(file): downloaded MD5 is \(actual), expected \(expected)",
        "the server holds another file, nothing was kept — check the base URL"
      )
    case let .cannotWrite(path, reason):
      ("\(path): cannot be written (\(reason))", "choose another --data-dir")
    case let .tooLarge(url, limit):
      (
        "\(url): the server sends more than the \(FileSizeLimit.describe(limit)) this file may be",
        "stopped, nothing was kept — check the base URL"
      )
    }
  }
}
