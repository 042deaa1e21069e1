import Core
import Foundation
import Rendering

/// Default options from the config file (``StandardLocations/configFile``), for the options
/// people pass every time. The command line wins over the file, the file over the built-in
/// defaults.
///
/// One `key = value` per line (`key value` works too); `#` starts a comment; keys are the long
/// options without `--`:
///
///     color = never          auto, always, never
///     charset = ascii        unicode, ascii
///     threads = 2            1 to 256
///     data-dir = ~/datasets  a folder (`~` is your home)
///     memory = 8G            as --memory
///     fps = 30               1 to 120
///     mouse = no             yes or no
///
/// A bad line is reported with its number and ignored; the others still apply.
public struct UserConfig: Sendable, Equatable {
  public var color: ColorChoice?
  public var charset: Charset?
  public var threads: Int?
  public var dataDirectory: String?
  public var memory: MemoryBudget?
  public var framesPerSecond: Int?
  public var mouse: Bool?

  public init() {}

  /// A line that was ignored, and why.
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message); ignored" }
  }

  /// The keys the file understands, in the order `help` lists them.
  public static let keys = ["color", "charset", "threads", "data-dir", "memory", "fps", "mouse"]

  /// The largest file read (a config is a few lines; anything bigger is a mistake).
  public static let maximumBytes = 64 * 1024

  /// Parses the file's text: the settings, and the lines ignored.
  public static func parse(_ text: String) -> (config: UserConfig, problems: [Problem]) {
    var config = UserConfig()
    var problems: [Problem] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = Substring(raw)
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      let content = line.trimmingCharacters(in: .whitespaces)
      if content.isEmpty { continue }
      let (key, value) = split(content)
      if let message = config.set(key, value) {
        problems.append(Problem(line: index + 1, message: message))
      }
    }
    return (config, problems)
  }

  /// `key = value` or `key value`, each trimmed.
  private static func split(_ content: String) -> (String, String) {
    let separator = content.firstIndex(where: { $0 == "=" || $0 == " " || $0 == "\t" })
    guard let separator else { return (content, "") }
    let key = content[..<separator].trimmingCharacters(in: .whitespaces)
    var rest = content[content.index(after: separator)...].trimmingCharacters(in: .whitespaces)
    if content[separator] != "=", rest.hasPrefix("=") {
      rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces)
    }
    return (key, rest)
  }

  /// Sets `key`; nil when done, else what is wrong.
  private mutating func set(_ key: String, _ value: String) -> String? {
    let shown = "`\(TerminalText.line(key))`"
    guard Self.keys.contains(key) else {
      return "unknown option \(shown) (known: \(Self.keys.joined(separator: ", ")))"
    }
    guard !value.isEmpty else { return "\(shown) has no value" }
    let quotedValue = "`\(TerminalText.line(value))`"
    switch key {
    case "color":
      guard let choice = ColorChoice(rawValue: value) else {
        return "color must be auto, always or never, not \(quotedValue)"
      }
      color = choice
    case "charset":
      guard let choice = Charset(rawValue: value) else {
        return "charset must be unicode or ascii, not \(quotedValue)"
      }
      charset = choice
    case "threads":
      guard let count = Int(value), (1...256).contains(count) else {
        return "threads must be from 1 to 256, not \(quotedValue)"
      }
      threads = count
    case "data-dir":
      dataDirectory = HomeFolder.expand(value)
    case "memory":
      guard let budget = MemoryBudget.parse(value) else {
        return "memory must be a size such as 12G or 512M, not \(quotedValue)"
      }
      memory = budget
    case "fps":
      guard let count = Int(value), (1...120).contains(count) else {
        return "fps must be from 1 to 120, not \(quotedValue)"
      }
      framesPerSecond = count
    default:  // mouse
      switch value.lowercased() {
      case "yes", "true", "on": mouse = true
      case "no", "false", "off": mouse = false
      default: return "mouse must be yes or no, not \(quotedValue)"
      }
    }
    return nil
  }

  /// Reads `path`: nil config and no notice when there is no file; otherwise the settings and
  /// one notice per ignored line (or one for an unreadable file), each naming the file.
  public static func load(path: String, shownAs shown: String) -> (config: UserConfig, notices: [String]) {
    guard FileManager.default.fileExists(atPath: path) else { return (UserConfig(), []) }
    let data: Data
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
    } catch {
      return (UserConfig(), ["config \(shown): cannot be read (\(error.localizedDescription)); ignored"])
    }
    guard data.count <= maximumBytes else {
      return (UserConfig(), ["config \(shown): larger than \(maximumBytes / 1024) KB; ignored"])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return (UserConfig(), ["config \(shown): not UTF-8 text; ignored"])
    }
    let (config, problems) = parse(text)
    return (config, problems.map { "config \(shown) \($0)" })
  }
}
