import Datasets
import Foundation
import FrontEnds
import Rendering
import Repl
import ReplTestSupport
import Testing

/// `--graphics kitty|sixel|iterm`: what reaches the terminal is read back with the protocols'
/// own framing (``GraphicsFrames``) and its pixels compared with the picture's values.
@Suite
struct TerminalGraphicsTests {
  /// Two 4x4 images: image 0 holds 0…15 row by row, image 1 the same reversed (sequential
  /// palette: value v is drawn at t = v/15 in image 0, (15 - v)/15 in image 1).
  static let picture = VisualPicture.images(
    title: "two ramps",
    images: [
      CaptionedImage(values: (0..<16).map(Float.init), width: 4, height: 4, caption: "up"),
      CaptionedImage(values: (0..<16).reversed().map(Float.init), width: 4, height: 4, caption: "down"),
    ],
    palette: .sequential)

  /// The colour value `(x, y)` of image `k` must have.
  static func expected(image k: Int, x: Int, y: Int) -> RGB {
    let v = Double(y * 4 + x)
    return Palette.sequential.color(at: k == 0 ? v / 15 : (15 - v) / 15)
  }

  /// Raster geometry for 4x4 images: 32 pixels a value, 16 between images:
  /// 2·128 + 3·16 = 304 by 128 + 2·16 = 160.
  static let (scale, gap, width, height) = (32, 16, 304, 160)

  /// The centre pixel of value `(x, y)` of image `k` in the full-size raster.
  static func centre(image k: Int, x: Int, y: Int) -> (Int, Int) {
    (gap + k * (4 * scale + gap) + x * scale + scale / 2, gap + y * scale + scale / 2)
  }

  static func close(_ a: RGB?, _ b: RGB, within tolerance: Int) -> Bool {
    guard let a else { return false }
    return abs(Int(a.red) - Int(b.red)) <= tolerance && abs(Int(a.green) - Int(b.green)) <= tolerance
      && abs(Int(a.blue) - Int(b.blue)) <= tolerance
  }

  static func pngPixel(_ image: DecodedImage, _ x: Int, _ y: Int) -> RGB {
    let i = 3 * (y * image.width + x)
    return RGB(UInt8(image.samples[i]), UInt8(image.samples[i + 1]), UInt8(image.samples[i + 2]))
  }

  @Test func kittyCarriesThePictureAsPNGInCells() throws {
    let drawn = try #require(
      TerminalPicture.make(Self.picture, graphics: .kitty, maxColumns: 79, cell: .standard))
    let frames = try GraphicsFrames.kitty(drawn.escape)
    #expect(frames.keys["a"] == "T" && frames.keys["f"] == "100" && frames.keys["q"] == "2")
    // Never enlarged: 304x160 pixels in 10x20 cells cover 31 columns, 8 rows.
    #expect(frames.keys["c"] == "31" && frames.keys["r"] == "8")
    #expect(drawn.fit == TerminalImageFit(columns: 31, rows: 8, pixelWidth: 304, pixelHeight: 160))
    let png = try PNGCodec.decode(frames.payload)
    #expect(png.width == Self.width && png.height == Self.height && png.channels == 3)
    for k in 0..<2 {
      for y in 0..<4 {
        for x in 0..<4 {
          let (cx, cy) = Self.centre(image: k, x: x, y: y)
          #expect(Self.pngPixel(png, cx, cy) == Self.expected(image: k, x: x, y: y), "image \(k) \(x),\(y)")
        }
      }
    }
    #expect(Self.pngPixel(png, 1, 1) == PictureRaster.background)
  }

  @Test func iTermCarriesTheSamePNG() throws {
    let drawn = try #require(
      TerminalPicture.make(Self.picture, graphics: .iterm, maxColumns: 79, cell: .standard))
    let (arguments, file) = try GraphicsFrames.iTerm(drawn.escape)
    #expect(arguments["inline"] == "1" && arguments["width"] == "31" && arguments["height"] == "8")
    #expect(arguments["size"] == "\(file.count)")
    let png = try PNGCodec.decode(file)
    let (cx, cy) = Self.centre(image: 1, x: 2, y: 3)
    #expect(png.width == Self.width && Self.pngPixel(png, cx, cy) == Self.expected(image: 1, x: 2, y: 3))
  }

  @Test func sixelPaintsEveryPixelWithThePictureColours() throws {
    let drawn = try #require(
      TerminalPicture.make(Self.picture, graphics: .sixel, maxColumns: 79, cell: .standard))
    let image = try GraphicsFrames.sixel(drawn.escape)
    #expect(image.width == Self.width && image.height == Self.height)
    // 160 rows are 26 full bands and one of 4: every pixel painted.
    #expect(image.pixels.allSatisfy { $0 != nil })
    let raster = try #require(PictureRaster.of(Self.picture))
    // Colours in percent are exact to ±2 of 255.
    for y in 0..<Self.height {
      for x in 0..<Self.width {
        #expect(Self.close(image.pixel(x: x, y: y), raster.pixel(x: x, y: y), within: 2), "\(x),\(y)")
      }
    }
    for k in 0..<2 {
      let (cx, cy) = Self.centre(image: k, x: 3, y: 1)
      #expect(Self.close(image.pixel(x: cx, y: cy), Self.expected(image: k, x: 3, y: 1), within: 2))
    }
  }

  @Test func aNarrowTerminalShrinksThePictureToItsColumns() throws {
    let drawn = try #require(
      TerminalPicture.make(Self.picture, graphics: .sixel, maxColumns: 10, cell: .standard))
    // 10 columns of 10 pixels: 304x160 shrunk to 100x52, 10 columns and 3 rows.
    #expect(drawn.fit == TerminalImageFit(columns: 10, rows: 3, pixelWidth: 100, pixelHeight: 52))
    let image = try GraphicsFrames.sixel(drawn.escape)
    #expect(image.width == 100 && image.height == 52)
    for k in 0..<2 {
      for (x, y) in [(0, 0), (3, 3), (1, 2)] {
        let (cx, cy) = Self.centre(image: k, x: x, y: y)
        let pixel = image.pixel(x: cx * 100 / 304, y: cy * 52 / 160)
        #expect(Self.close(pixel, Self.expected(image: k, x: x, y: y), within: 2), "image \(k) \(x),\(y)")
      }
    }
    // A row limit shrinks further, keeping the proportions.
    let short = try #require(
      TerminalPicture.make(Self.picture, graphics: .kitty, maxColumns: 79, maxRows: 2, cell: .standard))
    #expect(short.fit.rows == 2 && short.fit.pixelHeight <= 40 && short.fit.pixelWidth == 76)
  }

  @Test func sixelWithMoreThan256ColoursUsesTheColourCube() throws {
    // 20x20 pixels, 400 different colours.
    var raster = PictureRaster(width: 20, height: 20)
    for y in 0..<20 {
      for x in 0..<20 {
        raster.fill(x: x, y: y, size: 1, with: RGB(UInt8(x * 12), UInt8(y * 12), UInt8((x + y) * 6)))
      }
    }
    let image = try GraphicsFrames.sixel(SixelEncoder.encode(raster))
    #expect(image.width == 20 && image.height == 20)
    let definitions = SixelEncoder.encode(raster).split(separator: "#").filter { $0.split(separator: ";").count == 5 }
    #expect(definitions.count == 216)
    for y in 0..<20 {
      for x in 0..<20 {
        // Half a cube step (25.5) plus the percent rounding.
        #expect(Self.close(image.pixel(x: x, y: y), raster.pixel(x: x, y: y), within: 28), "\(x),\(y)")
      }
    }
  }

  @Test func kittyChunksLargeImagesAndTmuxWrapsEachEscape() throws {
    // Fixed pseudo-random values (a linear congruential sequence): PNG barely compresses them.
    var state: UInt32 = 12345
    func next() -> Float {
      state = state &* 1_664_525 &+ 1_013_904_223
      return Float(state >> 8) / Float(1 << 24)
    }
    let noise = (0..<36).map { n in
      CaptionedImage(
        values: (0..<(28 * 28)).map { _ in next() }, width: 28, height: 28, caption: "\(n)")
    }
    let picture = VisualPicture.images(title: "noise", images: noise, palette: .sequential)
    let plain = try #require(
      TerminalPicture.make(picture, graphics: .kitty, maxColumns: 200, cell: .standard))
    let frames = try GraphicsFrames.kitty(plain.escape)
    #expect(frames.chunkLengths.count > 2)
    #expect(frames.chunkLengths.dropLast().allSatisfy { $0 == KittyGraphics.chunkSize })
    #expect(frames.chunkLengths.last.map { (1...KittyGraphics.chunkSize).contains($0) } == true)
    let png = try PNGCodec.decode(frames.payload)
    #expect(png.width == plain.fit.pixelWidth && png.height == plain.fit.pixelHeight)

    let wrapped = try #require(
      TerminalPicture.make(
        picture, graphics: .kitty, maxColumns: 200, cell: .standard, throughTmux: true))
    let escapes = plain.escape.components(separatedBy: "\u{1B}\\").dropLast().map { $0 + "\u{1B}\\" }
    #expect(wrapped.escape == escapes.map(TmuxPassthrough.wrap).joined())
    #expect(escapes.allSatisfy { TmuxPassthrough.unwrap(TmuxPassthrough.wrap($0)) == $0 })
    #expect(TmuxPassthrough.wrap("\u{1B}_Ga\u{1B}\\") == "\u{1B}Ptmux;\u{1B}\u{1B}_Ga\u{1B}\u{1B}\\\u{1B}\\")
  }

  @Test func textPicturesAndTextGraphicsGiveNoEscape() {
    #expect(TerminalPicture.make(Self.picture, graphics: .text, maxColumns: 79, cell: .standard) == nil)
    let cells = VisualPicture.lines(title: "chart", lines: [StyledLine("x")])
    #expect(TerminalPicture.make(cells, graphics: .kitty, maxColumns: 79, cell: .standard) == nil)
  }

  @Test func base64MatchesFoundation() {
    for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
      #expect(Base64.encode(Array(text.utf8)) == Data(text.utf8).base64EncodedString())
    }
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
    #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
  }

  // MARK: the plain presenter

  @Test func plainPresenterPrintsTitleEscapeAndCaptionsThenFollowsSetGraphics() throws {
    var printed: [String] = []
    let output = PictureOutput(
      graphics: .kitty, detected: .sixel, throughTmux: false, windowSize: { (80, .standard) })
    let presenter = PlainPresenter(pictures: output, sink: { printed.append($0) })
    presenter.present(.picture(Self.picture))
    // Title, 8 blank rows kept for the image (31x8 cells), the cursor back at their top, the
    // image, the cursor below the rows, the captions.
    let out = try #require(printed.last)
    let head = "two ramps\n" + String(repeating: "\n", count: 8) + "\u{1B}[8A\u{1B}7"
    let tail = "\u{1B}8\u{1B}[8Bup  down\n"
    #expect(out.hasPrefix(head) && out.hasSuffix(tail))
    let escape = String(out.dropFirst(head.count).dropLast(tail.count))
    #expect(try GraphicsFrames.kitty(escape).keys["c"] == "31")
    presenter.present(.graphics(.text))
    #expect(printed.last == "pictures: text\n")
    presenter.present(.picture(Self.picture))
    #expect(printed.last?.contains("\u{1B}") == false)
    #expect(printed.last?.hasPrefix("two ramps\n") == true)
    // auto is what the terminal answered at start.
    presenter.present(.graphics(.auto))
    presenter.present(.picture(Self.picture))
    let sixel = try #require(printed.last)
    let start = try #require(sixel.range(of: "\u{1B}P"))
    let end = try #require(sixel.range(of: "\u{1B}\\", options: .backwards))
    #expect(try GraphicsFrames.sixel(String(sixel[start.lowerBound..<end.upperBound])).width == Self.width)
  }

  @Test func setGraphicsIsAnEventAndRefusesUnknownModes() {
    let h = SessionHarness()
    h.run("set graphics=sixel")
    #expect(h.presenter.events.contains(.graphics(.sixel)))
    #expect(h.errorLines.isEmpty)
    h.run("set graphics=png")
    #expect(h.errorLines.first?.hasPrefix("error: set:") == true, "\(h.errorLines)")
    // With no training, a graphics change leaves the training defaults alone.
    h.run("set graphics=text lr=0.5")
    #expect(h.session.trainingDefaults.learningRate == 0.5)
  }

  // MARK: detection

  static let answerBoth: [UInt8] = Array("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62;4;22c".utf8)

  @Test func theAnswerIsReadFromWhateverTheTerminalSent() {
    #expect(TerminalGraphicsAnswer.parse(Self.answerBoth) == .init(kitty: true, sixel: true, complete: true))
    let noKitty = Array("\u{1B}_Gi=31;ENOTSUPPORTED:no\u{1B}\\\u{1B}[?64;1;9c".utf8)
    #expect(TerminalGraphicsAnswer.parse(noKitty) == .init(kitty: false, sixel: false, complete: true))
    // A key pressed meanwhile, and DA1 alone (a terminal that ignores the kitty query).
    #expect(TerminalGraphicsAnswer.parse(Array("x\u{1B}[?1;2c".utf8)) == .init(complete: true))
    // The first attribute is the terminal class, not sixel.
    #expect(TerminalGraphicsAnswer.parse(Array("\u{1B}[?4;6c".utf8)).sixel == false)
    // Not yet complete: keep reading.
    #expect(TerminalGraphicsAnswer.parse(Array("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62;4".utf8)) == .init(kitty: true))
    #expect(TerminalGraphicsAnswer.query.hasPrefix(KittyGraphics.query) && TerminalGraphicsAnswer.query.hasSuffix("\u{1B}[c"))
  }

  @Test func autoFollowsTheRules() {
    func detect(
      _ environment: [String: String], _ answer: TerminalGraphicsAnswer? = nil,
      terminal: Bool = true, tmux: TmuxGraphics? = nil, choice: GraphicsChoice = .auto
    ) -> GraphicsProtocol {
      GraphicsDetection.detect(
        choice: choice, environment: environment, isTerminal: terminal, answer: answer, tmux: tmux)
    }
    let xterm = ["TERM": "xterm-256color"]
    let both = TerminalGraphicsAnswer.parse(Self.answerBoth)
    let sixelOnly = TerminalGraphicsAnswer(sixel: true, complete: true)
    #expect(detect(xterm, both) == .kitty)
    #expect(detect(xterm, sixelOnly) == .sixel)
    #expect(detect(xterm, .init(complete: true)) == .text)
    #expect(detect(xterm, both, terminal: false) == .text)
    #expect(detect(["TERM": "dumb"], both) == .text)
    #expect(detect(["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"], .init(complete: true)) == .iterm)
    #expect(detect(["TERM": "xterm-kitty"], nil) == .kitty)
    // Named choices are taken as said, even in a pipe.
    #expect(detect(xterm, nil, terminal: false, choice: .sixel) == .sixel)
    #expect(detect(xterm, both, choice: .text) == .text)
    // tmux: nothing without passthrough, the outer terminal with it.
    let inTmux = ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"]
    let off = TmuxGraphics(passthrough: false, clientTerm: "xterm-kitty", clientFeatures: [])
    let kittyOuter = TmuxGraphics(passthrough: true, clientTerm: "xterm-kitty", clientFeatures: [])
    let sixelOuter = TmuxGraphics(passthrough: true, clientTerm: "foot", clientFeatures: ["RGB", "sixel"])
    let plainOuter = TmuxGraphics(passthrough: true, clientTerm: "xterm-256color", clientFeatures: ["RGB"])
    #expect(detect(inTmux, both, tmux: off) == .text)
    #expect(detect(inTmux, nil) == .text)
    #expect(detect(inTmux, nil, tmux: kittyOuter) == .kitty)
    #expect(detect(inTmux, nil, tmux: sixelOuter) == .sixel)
    // tmux's own DA1 (sixel or not) says nothing of the outer terminal: not asked, not used.
    #expect(detect(inTmux, .init(sixel: true, complete: true), tmux: plainOuter) == .text)
    #expect(!GraphicsDetection.shouldQuery(choice: .auto, environment: inTmux, isTerminal: true))
    #expect(GraphicsDetection.shouldQuery(choice: .auto, environment: xterm, isTerminal: true))
    #expect(!GraphicsDetection.shouldQuery(choice: .kitty, environment: xterm, isTerminal: true))
    #expect(TmuxGraphics(answer: "on|xterm-kitty|RGB,sixel\n") == TmuxGraphics(passthrough: true, clientTerm: "xterm-kitty", clientFeatures: ["RGB", "sixel"]))
    #expect(TmuxGraphics(answer: "off||\n")?.passthrough == false)
    #expect(TmuxGraphics(answer: "garbage") == nil)
  }

  @Test func cellsComeFromTheWindowsPixelsWhenItSaysThem() {
    #expect(CellPixels.of(columns: 80, rows: 24, pixelWidth: 720, pixelHeight: 408) == CellPixels(width: 9, height: 17))
    #expect(CellPixels.of(columns: 80, rows: 24, pixelWidth: 0, pixelHeight: 0) == .standard)
  }
}
