import Foundation
import ReplTestSupport
import Testing

/// The panes earn their lines: hidden by key or command, the model pane following the edited
/// row, the training pane growing into a labelled chart while a training runs and folding back
/// to its result line, and going back to "none yet" when the model is reset.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct PanesTmuxTests {
  static func lines(_ screen: String) -> [String] {
    screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  @Test func panesHideShowAndFollowTheEditedRow() throws {
    let t = try TUITerminal(["--color", "never"])
    #expect(t.waitForStart())
    try t.enter("preset lenet5")
    #expect(t.wait("[1] preset lenet5"))
    #expect(t.wait { Self.lines($0).first?.hasPrefix("── model rows") == true })
    try t.enter("pane model off")
    #expect(t.wait { Self.lines($0).first?.hasPrefix("[1] preset") == true || !$0.contains("── model") })
    #expect(!t.screen.contains("── model"))
    try t.enter("pane model")  // toggles back
    #expect(t.wait { Self.lines($0).first?.hasPrefix("── model") == true })
    try t.press("F6")
    #expect(t.wait { !$0.contains("training: none yet") })
    try t.press("F6")
    #expect(t.wait("training: none yet"))
    try t.press("F5")
    #expect(t.wait { !$0.contains("── model") })
    try t.press("F5")
    #expect(t.wait("── model"))

    // An edit near the top brings that row into view, in bold where colour is on.
    try t.enter("replace 2 maxpool 2 stride=1")
    #expect(t.wait { Self.lines($0).first?.contains("rows 1-3 of") == true })
    #expect(t.wait { screen in
      Self.lines(screen).prefix(5).contains { $0.split(separator: " ").prefix(4).joined(separator: " ") == "2 maxpool 2 stride=1" }
    })
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
  }

  /// At 80x24 with nothing training, keras-mnist's whole `summary` (header, rows 0-7, the four
  /// totals) is on screen at once; Tab's candidates show even while the help was open.
  /// The model pane of a network with branches gets an `in` column (the rows each row reads),
  /// at 80x24 and at 120x40; a plain stack's pane has none.
  @Test func theModelPaneShowsTheWiring() throws {
    let t = try TUITerminal(["--color", "never"])
    #expect(t.waitForStart())
    /// Whether some line holds `words` one after another (the pane may sit beside the output).
    func shows(_ words: [String], in screen: String) -> Bool {
      Self.lines(screen).contains { line in
        let tokens = line.split(separator: " ").map(String.init)
        return tokens.indices.contains { i in Array(tokens.dropFirst(i).prefix(words.count)) == words }
      }
    }
    try t.enter("input 12x12x1")
    try t.enter("conv 4 3 pad=same relu")
    try t.enter("conv 4 3 pad=same")
    #expect(t.wait { shows(["#", "layer", "output"], in: $0) }, "a stack: no in column")
    try t.enter("add 1")
    #expect(t.wait { shows(["3", "2,1", "add", "1", "12x12x4"], in: $0) }, "\(t.screen)")
    #expect(shows(["#", "in", "layer"], in: t.screen))
    try t.enter("conv 2 1 from=1")
    #expect(t.wait { shows(["4", "1", "conv", "2", "1", "12x12x2"], in: $0) }, "\(t.screen)")
    t.resize(width: 120, height: 40)
    #expect(t.wait { shows(["3", "2,1", "add", "1"], in: $0) && shows(["#", "in", "layer"], in: $0) })
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
  }

  @Test func theWholeSummaryFitsAndCompletionShowsOverTheHelp() throws {
    let t = try TUITerminal(["--color", "never"])
    #expect(t.waitForStart())
    try t.enter("preset keras-mnist")
    #expect(t.wait("[1] preset keras-mnist"))
    try t.enter("summary")
    let whole = t.wait { screen in
      let lines = Self.lines(screen)
      guard let start = lines.firstIndex(of: "[2] summary") else { return false }
      let cell = lines[(start + 1)...].prefix(13).map { $0.split(separator: " ").first.map(String.init) ?? "" }
      return cell == ["#", "0", "1", "2", "3", "4", "5", "6", "7", "total", "trainable", "MACs", "activation"]
    }
    #expect(whole, "\(t.screen)")
    try t.press("F1")
    #expect(t.wait("F1 closes"))
    try t.type("sh")
    try t.press("Tab")
    try t.press("Tab")
    #expect(t.wait { $0.contains("saliency") && $0.contains("confusion") && !$0.contains("F1 closes") }, "the candidates, not the help")
    try t.press("C-u")
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
  }

  @Test func trainingPaneGrowsIntoALabelledChartAndFoldsBack() throws {
    let t = try TUITerminal(["--color", "never"])
    #expect(t.waitForStart())
    try t.enter("data mnist")
    #expect(t.wait(seconds: 30) { $0.contains("mnist 6,000") })
    try t.enter("preset keras-mnist")
    #expect(t.wait("104,202 params"))
    try t.enter("train epochs=30")
    #expect(t.wait(seconds: 60) { $0.contains("── training") && $0.contains("ep ") }, "the pane grows")
    #expect(t.wait(seconds: 60) { $0.contains("loss (linear; running mean") })
    #expect(t.wait(seconds: 120) { screen in
      Self.lines(screen).contains { $0.hasPrefix("epoch ") && $0.contains("test acc") }
        && screen.range(of: #"\bep[0-9]+\b"#, options: .regularExpression) != nil
    }, "the last epoch's line and the epoch labels stay in view")
    let screen = Self.lines(t.screen)
    #expect(
      screen.contains { $0.range(of: #"^\s+0\s+.*ep[0-9]+.* [0-9,]+ steps$"#, options: .regularExpression) != nil },
      "the x labels: 0, epochs, the number of steps")
    #expect(
      screen.contains { ($0.contains("┤") || $0.contains("│")) && $0.contains("●") },
      "a test-loss point on a plot row")
    try t.press("C-c")
    #expect(
      t.wait(seconds: 60) { $0.contains("training stopped: epoch") || $0.contains("training done: epoch") },
      "back to one line")
    #expect(!t.screen.contains("── training"))
    try t.enter("reset")
    #expect(t.wait("training: none yet"), "a reset forgets the training")
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
  }
}
