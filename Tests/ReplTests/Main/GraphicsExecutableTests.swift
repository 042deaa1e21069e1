import Datasets
import Foundation
import Rendering
import ReplTestSupport
import Testing

/// `cnnrepl run --graphics …`: the real binary's output read back with the protocols' framing.
@Suite(.enabled(if: Executable.available, "the cnnrepl binary is not built"))
struct GraphicsExecutableTests {
  static let script = """
    input 28x28x1
    conv 4 3
    show filters 1
    set graphics=text
    show filters 1
    """

  /// The one escape in `output` from its introducer up to its last `ESC \` (or BEL).
  static func escape(in output: String, from start: String, to end: String) throws -> String {
    let from = try #require(output.range(of: start))
    let to = try #require(output.range(of: end, options: .backwards))
    return String(output[from.lowerBound..<to.upperBound])
  }

  @Test func runDrawsWithTheNamedProtocolThenTextAfterSetGraphics() throws {
    let url = try ExecutableTests.script(Self.script)
    let kitty = try Executable.run(["run", "--graphics", "kitty", url.path])
    #expect(kitty.status == 0, "\(kitty.output)")
    let frames = try GraphicsFrames.kitty(
      try Self.escape(in: kitty.output, from: "\u{1B}_G", to: "\u{1B}\\"))
    let png = try PNGCodec.decode(frames.payload)
    // Not a terminal: 80 columns of 10x20-pixel cells; the picture is never enlarged.
    #expect(frames.keys["c"] == "\((png.width + 9) / 10)" && frames.keys["r"] == "\((png.height + 19) / 20)")
    #expect(png.width <= 790 && png.width > 100)
    // After `set graphics=text` the same picture is text again: one escape picture only.
    #expect(kitty.output.components(separatedBy: "\u{1B}_G").count - 1 == frames.chunkLengths.count)
    #expect(kitty.output.contains("pictures: text\n> show filters 1\nrow 1 (conv 4 3)"))

    let sixel = try Executable.run(["run", "--graphics", "sixel", url.path])
    let image = try GraphicsFrames.sixel(
      try Self.escape(in: sixel.output, from: "\u{1B}P", to: "\u{1B}\\"))
    #expect(image.width == png.width && image.height == png.height)
    #expect(image.pixels.allSatisfy { $0 != nil })

    // Without --graphics, `run` is text: no escape at all.
    let text = try Executable.run(["run", url.path])
    #expect(text.status == 0 && !text.output.contains("\u{1B}"))
    let bad = try Executable.run(["run", "--graphics", "png", url.path])
    #expect(bad.status != 0 && bad.error.contains("--graphics") && bad.error.contains("sixel"))
  }
}
