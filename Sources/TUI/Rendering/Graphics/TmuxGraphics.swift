/// What tmux says about itself and the terminal it runs in
/// (`tmux display -p '#{allow-passthrough}|#{client_termname}|#{client_termfeatures}'`).
public struct TmuxGraphics: Sendable, Equatable {
  /// `allow-passthrough` is `on` or `all`: tmux forwards wrapped escapes to the terminal.
  public var passthrough: Bool
  /// The outer terminal's `TERM` (`xterm-kitty`, `xterm-256color`, …).
  public var clientTerm: String
  /// tmux's feature names for the outer terminal (`sixel`, `RGB`, …).
  public var clientFeatures: [String]

  public init(passthrough: Bool, clientTerm: String, clientFeatures: [String]) {
    self.passthrough = passthrough
    self.clientTerm = clientTerm
    self.clientFeatures = clientFeatures
  }

  /// The format to ask tmux for.
  public static let format = "#{allow-passthrough}|#{client_termname}|#{client_termfeatures}"

  /// The answer to ``format``; nil when it is not one.
  public init?(answer: String) {
    let parts = answer.trimmingSpace().split(separator: "|", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    passthrough = parts[0] == "on" || parts[0] == "all"
    clientTerm = String(parts[1])
    clientFeatures = parts[2].split(separator: ",").map(String.init)
  }
}

extension String {
  fileprivate func trimmingSpace() -> Substring {
    var s = Substring(self)
    while let last = s.last, last.isWhitespace { s.removeLast() }
    while let first = s.first, first.isWhitespace { s.removeFirst() }
    return s
  }
}
