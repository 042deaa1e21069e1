import Datasets
import Foundation
import Rendering
import ReplTestSupport
import Testing

/// The full-screen UI with `--graphics auto` under a terminal that answers the kitty query
/// (`fake-kitty-terminal`, a test helper between tmux and cnnrepl that logs every image escape):
/// the picture pane holds kitty placeholders for an uploaded PNG, the layout around it stays,
/// a resize uploads it for its new cells, the image is deleted when its pane goes and when the
/// program quits, and quitting restores the screen.
@Suite(
  .serialized,
  .enabled(
    if: TUITerminal.available && TUITerminal.helper("fake-kitty-terminal") != nil,
    "needs tmux, cnnrepl and fake-kitty-terminal"))
struct KittyGraphicsTmuxTests {
  /// The image escapes the fake terminal saw, one body (`G…`) per line.
  struct Log {
    let path: String

    var lines: [String] {
      ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n")
        .map(String.init)
    }

    /// Every complete upload (first chunk `a=T`, then its `m=1` continuations), framed again as
    /// the escapes the terminal read.
    var uploads: [GraphicsFrames.Kitty] {
      var out: [GraphicsFrames.Kitty] = []
      var current: [String] = []
      for line in lines {
        if line.hasPrefix("Ga=T") { current = [line] } else if line.hasPrefix("Gm=") { current.append(line) } else { continue }
        if current.last?.contains("m=0;") == true,
          let frames = try? GraphicsFrames.kitty(current.map { "\u{1B}_\($0)\u{1B}\\" }.joined())
        {
          out.append(frames)
          current = []
        }
      }
      return out
    }

    /// Deletions of image `id`.
    func deletes(of id: String) -> Int { lines.filter { $0 == "Ga=d,d=I,i=\(id),q=2" }.count }

    /// Waits for `condition` on the log (states, not seconds: the limit only ends a failing test).
    func wait(_ condition: (Log) -> Bool) -> Bool {
      let deadline = Date().addingTimeInterval(30)
      while Date() < deadline {
        if condition(self) { return true }
        Thread.sleep(forTimeInterval: 0.05)
      }
      return condition(self)
    }
  }

  /// The screen's placeholder cells: for each screen line that has any, the (row, column) each
  /// names, in order.
  static func placeholders(_ screen: String) -> [[(row: Int, column: Int)]] {
    screen.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
      let cells = line.compactMap(KittyPlaceholder.position(of:))
      return cells.isEmpty ? nil : cells
    }
  }

  /// Whether the placeholders form exactly the `columns x rows` block of one image.
  static func isBlock(_ screen: String, columns: Int, rows: Int) -> Bool {
    let lines = placeholders(screen)
    guard lines.count == rows else { return false }
    return lines.enumerated().allSatisfy { r, cells in
      cells.count == columns && cells.enumerated().allSatisfy { $1.row == r && $1.column == $0 }
    }
  }

  static func width(_ screen: String) -> Int {
    screen.split(separator: "\n").map { TextWidth.columns(of: String($0)) }.max() ?? 0
  }

  @Test func picturePaneShowsPixelsKeepsItsLayoutAndClearsThem() throws {
    let log = Log(path: Paths.temporaryFolder().appendingPathComponent("kitty.log").path)
    let helper = try #require(TUITerminal.helper("fake-kitty-terminal"))
    let t = try TUITerminal(["--graphics", "auto"], wrapper: [helper, log.path])
    #expect(t.waitForStart())
    // auto asked: the kitty query went out and was answered (by the fake terminal).
    #expect(log.lines.first?.hasPrefix("Gi=31,s=1,v=1,a=q") == true, "\(log.lines)")
    try t.enter("input 28x28x1")
    try t.enter("conv 4 3")
    try t.enter("show filters 1")
    #expect(log.wait { $0.uploads.count == 1 })
    let upload = try #require(log.uploads.first)
    let id = try #require(upload.keys["i"])
    #expect(upload.keys["U"] == "1" && upload.keys["f"] == "100")
    #expect(Int(id).map { (1...255).contains($0) } == true)
    let columns = try #require(upload.keys["c"].flatMap { Int($0) })
    let rows = try #require(upload.keys["r"].flatMap { Int($0) })
    // The terminal's cells are 10x20 pixels: the PNG fills the cells it names.
    let png = try PNGCodec.decode(upload.payload)
    #expect((png.width + 9) / 10 == columns && (png.height + 19) / 20 == rows)
    #expect(png.width > 100 && columns <= 80 && rows >= 2)
    #expect(t.wait { Self.isBlock($0, columns: columns, rows: rows) }, "\(t.screen)")
    // The placeholders are drawn in the colour whose index is the image id.
    let coloured = t.screenWithEscapes.split(separator: "\n").filter {
      $0.unicodeScalars.contains(KittyPlaceholder.character)
    }
    // (tmux writes a colour where it changes, and sometimes again: set on the first row, and
    // any colour named later on these rows is the id too.)
    #expect(coloured.count == rows && coloured.first?.contains("38;5;\(id)m") == true)
    let named = coloured.flatMap {
      $0.components(separatedBy: "38;5;").dropFirst().map { $0.prefix(id.count + 1) }
    }
    #expect(named.allSatisfy { $0 == "\(id)m" }, "\(named)")
    // Around the picture, the notebook, the status line and the prompt are where they were.
    var screen = t.screen
    #expect(screen.contains("filters (F3): row 1 (conv 4 3)"))
    #expect(screen.contains("[3] show filters 1") && screen.contains("F1 help"))
    #expect(Self.width(screen) <= 80)

    // At 120x40 the picture pane moves beside the notebook, narrower: a new upload for its
    // new cells, placeholders to match, the notebook beside them.
    t.tmux.run(["resize-window", "-t", t.tmux.name, "-x", "120", "-y", "40"])
    #expect(log.wait { $0.uploads.count == 2 })
    let again = try #require(log.uploads.last)
    let (c2, r2) = (Int(again.keys["c"] ?? "") ?? 0, Int(again.keys["r"] ?? "") ?? 0)
    #expect(c2 < columns && c2 > 0 && r2 > 0)
    #expect(t.wait { Self.isBlock($0, columns: c2, rows: r2) }, "\(t.screen)")
    screen = t.screen
    #expect(screen.contains("[3] show filters 1") && screen.contains("F1 help"), "\(screen)")
    #expect(Self.width(screen) <= 120)

    // Closing the pane deletes the image; quitting after a new picture deletes it too.
    try t.enter("pane picture off")
    #expect(log.wait { $0.deletes(of: id) == 1 })
    #expect(t.wait { Self.placeholders($0).isEmpty && $0.contains("pane picture off") })
    try t.enter("show filters 1")
    #expect(log.wait { $0.uploads.count == 3 })
    #expect(t.wait { !Self.placeholders($0).isEmpty })
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
    #expect(log.wait { $0.deletes(of: id) == 2 })
    #expect(Self.placeholders(t.screen).isEmpty)
    #expect(try t.terminalIsSane())
  }

  /// Inside tmux with passthrough off (tmux's default), a named protocol is kept but said not
  /// to work, with the command that fixes it; the prompt still works and the picture's text
  /// lines (title, captions) still print.
  @Test func insideTmuxWithoutPassthroughTheChoiceIsExplained() throws {
    let t = try TUITerminal(["--plain", "--graphics", "sixel"])
    #expect(t.wait("note: inside tmux, sixel images need `tmux set -g allow-passthrough on`"))
    try t.enter("input 28x28x1")
    try t.enter("conv 4 3")
    try t.enter("show filters 1")
    #expect(t.wait { $0.contains("row 1 (conv 4 3): 4 filters") && $0.contains("0  1  2  3") })
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
  }
}
