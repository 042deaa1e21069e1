import Rendering
import Testing

@Suite struct ImageRendererTests {
  static func image(_ f: (Int, Int) -> Float) -> [Float] {
    (0..<8).flatMap { y in (0..<8).map { x in f(x, y) } }
  }

  /// The issue-6 oracle: an 8x8 gradient through the ASCII ramp ` .:-=+*#%@`, two pixel rows
  /// per line. Horizontal: index round(9·x/7) = 0 1 3 4 5 6 8 9.
  @Test func asciiHorizontalGradientIsExact() {
    let r = ImageRenderer(depth: .none)
    let lines = r.lines(values: Self.image { x, _ in Float(x) }, width: 8, height: 8)
    #expect(lines == [" .-=+*%@", " .-=+*%@", " .-=+*%@", " .-=+*%@"])
  }

  /// Vertical: line r averages rows 2r and 2r+1, t = (4r+1)/14, index round(9t) = 1 3 6 8.
  @Test func asciiVerticalGradientIsExact() {
    let r = ImageRenderer(depth: .basic)
    let lines = r.lines(values: Self.image { _, y in Float(y) * 10 - 3 }, width: 8, height: 8)
    #expect(lines == ["........", "--------", "********", "%%%%%%%%"])
  }

  /// Diagonal v = x + y: index round(9·(2x+4r+1)/28).
  @Test func asciiDiagonalGradientIsExact() {
    let r = ImageRenderer(depth: .none)
    let lines = r.lines(values: Self.image { x, y in Float(x + y) }, width: 8, height: 8)
    #expect(lines == [" .::-==+", "::-==++*", "-==++*##", "=++*##%@"])
  }

  @Test func divergingPutsZeroInTheMiddle() {
    let r = ImageRenderer(depth: .none, palette: .diverging)
    #expect(r.lines(values: [-1, 0, 1, 0.5], width: 4, height: 1) == [" +@#"])
    #expect(r.lines(values: [0, 0], width: 2, height: 1) == ["++"])
  }

  @Test func flatImageIsBlank() {
    #expect(ImageRenderer(depth: .none).lines(values: [3, 3, 3], width: 3, height: 1) == ["   "])
  }

  @Test func halfBlocksIn256Colours() {
    let r = ImageRenderer(depth: .ansi256)
    let cells = r.cells(values: [0, 1, 1, 0], width: 2, height: 2)
    #expect(
      cells == [[
        TerminalCell("▀", foreground: .indexed(53), background: .indexed(220)),
        TerminalCell("▀", foreground: .indexed(220), background: .indexed(53)),
      ]])
    #expect(
      r.lines(values: [0, 1, 1, 0], width: 2, height: 2) == [
        "\u{1B}[38;5;53;48;5;220m▀\u{1B}[38;5;220;48;5;53m▀\u{1B}[0m"
      ])
  }

  @Test func halfBlocksInTrueColourWithAnOddLastRow() {
    let r = ImageRenderer(depth: .trueColor)
    #expect(
      r.lines(values: [0, 1], width: 1, height: 2) == [
        "\u{1B}[38;2;68;1;84;48;2;253;231;37m▀\u{1B}[0m"
      ])
    #expect(r.lines(values: [0], width: 1, height: 1) == ["\u{1B}[38;2;68;1;84m▀\u{1B}[0m"])
  }

  @Test func gridWrapsToTheWidthWithCaptions() {
    let img = [Float](arrayLiteral: 0, 1, 0, 1)
    let images = ["0", "1", "12"].map { CaptionedImage(values: img, width: 2, height: 2, caption: $0) }
    let r = ImageRenderer(depth: .none)
    #expect(r.gridLines(images, maxWidth: 5) == ["0  1 ", " @  @", "12   ", " @   "])
    #expect(r.gridLines(images, maxWidth: 8) == ["0  1  12", " @  @  @"])
    #expect(r.gridLines(images, maxWidth: 1).count == 6)
  }

  @Test func xterm256Mapping() {
    #expect(RGB(0, 0, 0).xterm256 == 16)
    #expect(RGB(255, 255, 255).xterm256 == 231)
    #expect(RGB(128, 128, 128).xterm256 == 244)
    #expect(RGB(255, 0, 0).xterm256 == 196)
  }
}
