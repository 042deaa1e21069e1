import Repl

/// The config file, read once per process (the environment does not change while it runs).
enum LoadedConfig {
  static let locations = StandardLocations.current
  static let file: (config: UserConfig, notices: [String]) = {
    guard let path = locations.configFile else { return (UserConfig(), []) }
    return UserConfig.load(path: path, shownAs: locations.abbreviated(path))
  }()
}
