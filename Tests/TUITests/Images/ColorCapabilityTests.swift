import Rendering
import Testing

@Suite struct ColorCapabilityTests {
  struct Row: Sendable, CustomStringConvertible {
    var choice: ColorChoice
    var env: [String: String]
    var tty: Bool
    var expected: ColorDepth
    var description: String { "\(choice) \(env) tty=\(tty)" }
  }

  static let table: [Row] = [
    Row(choice: .never, env: ["TERM": "xterm-256color", "COLORTERM": "truecolor"], tty: true,
      expected: .none),
    Row(choice: .auto, env: ["TERM": "xterm-256color"], tty: true, expected: .ansi256),
    Row(choice: .auto, env: ["TERM": "tmux-256color", "COLORTERM": "truecolor"], tty: true,
      expected: .trueColor),
    Row(choice: .auto, env: ["TERM": "xterm", "COLORTERM": "24bit"], tty: true, expected: .trueColor),
    Row(choice: .auto, env: ["TERM": "xterm-direct"], tty: true, expected: .trueColor),
    Row(choice: .auto, env: ["TERM": "xterm"], tty: true, expected: .basic),
    Row(choice: .auto, env: ["TERM": "xterm-256color"], tty: false, expected: .none),
    Row(choice: .auto, env: ["TERM": "xterm-256color", "NO_COLOR": "1"], tty: true, expected: .none),
    Row(choice: .auto, env: ["TERM": "xterm-256color", "NO_COLOR": ""], tty: true,
      expected: .ansi256),
    Row(choice: .auto, env: ["TERM": "dumb"], tty: true, expected: .none),
    Row(choice: .auto, env: ["TERM": "vt100"], tty: true, expected: .none),
    Row(choice: .auto, env: [:], tty: true, expected: .none),
    Row(choice: .always, env: ["TERM": "dumb"], tty: false, expected: .ansi256),
    Row(choice: .always, env: ["TERM": "xterm-256color", "NO_COLOR": "1"], tty: true,
      expected: .ansi256),
    Row(choice: .always, env: ["COLORTERM": "truecolor"], tty: false, expected: .trueColor),
  ]

  @Test(arguments: table)
  func detect(row: Row) {
    #expect(
      ColorCapability.detect(choice: row.choice, environment: row.env, isTerminal: row.tty)
        == row.expected)
  }
}
