import Foundation

/// Where cnnrepl keeps its own files, by the XDG Base Directory rules.
///
///     state   $XDG_STATE_HOME/cnnrepl   else ~/.local/state/cnnrepl   history, journals, autosaves
///     cache   $XDG_CACHE_HOME/cnnrepl   else ~/.cache/cnnrepl         `download` (one folder per set)
///     config  $XDG_CONFIG_HOME/cnnrepl/config  else ~/.config/cnnrepl/config   default options
///
/// As the specification says, a variable that is empty or not an absolute path is ignored (the
/// default is used). Without `HOME` the defaults are missing (nil) and so is what needs them.
/// Built from an environment dictionary, so tests give their own.
public struct StandardLocations: Sendable, Equatable {
  /// `HOME`, when set and absolute.
  public var home: String?
  /// Journals, autosaved weights and the line-mode history.
  public var stateFolder: String?
  /// Downloaded data sets, `cacheFolder/NAME`.
  public var cacheFolder: String?
  /// The optional file of default options (``UserConfig``).
  public var configFile: String?

  public init(environment: [String: String]) {
    func absolute(_ name: String) -> String? {
      guard let value = environment[name], value.hasPrefix("/") else { return nil }
      return value
    }
    home = absolute("HOME")
    func base(_ variable: String, _ fallback: String) -> String? {
      absolute(variable) ?? home.map { ($0 as NSString).appendingPathComponent(fallback) }
    }
    let app = "cnnrepl"
    stateFolder = base("XDG_STATE_HOME", ".local/state").map { Self.join($0, app) }
    cacheFolder = base("XDG_CACHE_HOME", ".cache").map { Self.join($0, app) }
    configFile = base("XDG_CONFIG_HOME", ".config").map { Self.join(Self.join($0, app), "config") }
  }

  /// This process's environment.
  public static var current: StandardLocations {
    StandardLocations(environment: ProcessInfo.processInfo.environment)
  }

  /// Line mode's readline history.
  public var historyFile: String? { stateFolder.map { Self.join($0, "history") } }

  /// Where versions before 0.2 kept the history (`~/.cnnrepl_history`).
  public var legacyHistoryFile: String? { home.map { Self.join($0, ".cnnrepl_history") } }

  /// Where versions before 0.2 kept journals and autosaves without `XDG_STATE_HOME`
  /// (`~/.cnnrepl`).
  public var legacyStateFolder: String? { home.map { Self.join($0, ".cnnrepl") } }

  /// `path` with the home folder written `~` (for messages).
  public func abbreviated(_ path: String) -> String {
    guard let home, path.hasPrefix(home + "/") else { return path }
    return "~" + path.dropFirst(home.count)
  }

  private static func join(_ folder: String, _ name: String) -> String {
    (folder as NSString).appendingPathComponent(name)
  }
}
