/// Decides the colour depth from `--color`, the environment and whether output is a terminal.
///
/// Rules, first match wins:
/// 1. `never` → none.
/// 2. `auto` and (`NO_COLOR` set and non-empty, or not a terminal, or `TERM` empty, `dumb`,
///    `vt100`, `vt102`, `vt220`, `vt52`) → none.
/// 3. `COLORTERM` is `truecolor`/`24bit`, or `TERM` ends in `-direct` → trueColor.
/// 4. `TERM` contains `256color` → ansi256.
/// 5. `always` → ansi256 (the user asked for colour; most terminals today have 256).
/// 6. otherwise (`xterm`, `screen`, `linux`, …) → basic.
public enum ColorCapability {
  static let monochromeTerminals: Set<String> = ["", "dumb", "vt100", "vt102", "vt220", "vt52"]

  public static func detect(
    choice: ColorChoice, environment: [String: String], isTerminal: Bool
  ) -> ColorDepth {
    if choice == .never { return .none }
    let term = environment["TERM"] ?? ""
    if choice == .auto {
      if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
      if !isTerminal || monochromeTerminals.contains(term) { return .none }
    }
    let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
    if colorTerm == "truecolor" || colorTerm == "24bit" || term.hasSuffix("-direct") {
      return .trueColor
    }
    if term.contains("256color") { return .ansi256 }
    if choice == .always { return .ansi256 }
    return .basic
  }
}
