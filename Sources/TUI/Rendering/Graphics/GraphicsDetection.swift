/// Decides how pictures reach the terminal from `--graphics`, the environment, the terminal's
/// answer to the graphics query and, inside tmux, what tmux reports.
///
/// Rules for `auto`, first match wins:
/// 1. not a terminal, or `TERM` is `dumb` or empty → text.
/// 2. inside tmux (`TMUX` set; no query is sent, tmux would answer it): passthrough off → text;
///    otherwise what tmux reports of the outer terminal decides: `client_termname` naming kitty
///    or Ghostty, or `KITTY_WINDOW_ID` → kitty; `LC_TERMINAL=iTerm2` → iterm; tmux's `sixel`
///    feature → sixel.
/// 3. the terminal answered the kitty query → kitty.
/// 4. `TERM_PROGRAM` is `iTerm.app` (or `LC_TERMINAL=iTerm2`) → iterm.
/// 5. `TERM` is `xterm-kitty` or `xterm-ghostty`, or `KITTY_WINDOW_ID` is set → kitty.
/// 6. DA1 lists sixel → sixel.
/// 7. otherwise text.
///
/// A named choice is taken as it is, even in a pipe (the user asked for it).
public enum GraphicsDetection {
  public static func detect(
    choice: GraphicsChoice, environment: [String: String], isTerminal: Bool,
    answer: TerminalGraphicsAnswer?, tmux: TmuxGraphics? = nil
  ) -> GraphicsProtocol {
    if let named = choice.named { return named }
    let term = environment["TERM"] ?? ""
    guard isTerminal, term != "dumb", !term.isEmpty else { return .text }
    let answer = answer ?? TerminalGraphicsAnswer()
    let iTerm = environment["TERM_PROGRAM"] == "iTerm.app" || environment["LC_TERMINAL"] == "iTerm2"
    let kittyEnvironment =
      ["xterm-kitty", "xterm-ghostty"].contains(term) || environment["KITTY_WINDOW_ID"] != nil
    if environment["TMUX"] != nil {
      guard let tmux, tmux.passthrough else { return .text }
      let outer = tmux.clientTerm.lowercased()
      if outer.contains("kitty") || outer.contains("ghostty")
        || environment["KITTY_WINDOW_ID"] != nil
      {
        return .kitty
      }
      if environment["LC_TERMINAL"] == "iTerm2" { return .iterm }
      if tmux.clientFeatures.contains("sixel") { return .sixel }
      return .text
    }
    if answer.kitty { return .kitty }
    if iTerm { return .iterm }
    if kittyEnvironment { return .kitty }
    if answer.sixel { return .sixel }
    return .text
  }

  /// Whether `auto` should send the query at all: a terminal that is not dumb, outside tmux
  /// (inside it tmux answers DA1 itself, at once, so the outer terminal's answers would be lost
  /// or wrong; what tmux reports is used instead).
  public static func shouldQuery(
    choice: GraphicsChoice, environment: [String: String], isTerminal: Bool
  ) -> Bool {
    let term = environment["TERM"] ?? ""
    return choice == .auto && isTerminal && term != "dumb" && !term.isEmpty
      && environment["TMUX"] == nil
  }
}
