import Datasets
import Foundation
import Rendering
import Repl
import ReplTestSupport
import TestSupport
import Testing

/// `export png FILE`: the last picture's pixels, decoded back and compared with the weights.
@Suite
struct ExportPNGCommandTests {
  @Test func writesTheLastPictureAsPixels() throws {
    let h = ShowFilterValuesTests.harness()
    let path = Paths.temporaryFolder().appendingPathComponent("filters.png").path
    h.run("show fmap 1")
    h.run("show filters 1")
    let shown = h.presenter.events.compactMap { event -> [CaptionedImage]? in
      guard case .picture(.images(_, let images, .diverging), _) = event else { return nil }
      return images
    }
    let images = try #require(shown.first)
    let out = h.run("export png \(path)")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("wrote ") && out.contains("pixels, row 1"), "\(out)")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let image = try PNGCodec.decode(bytes)
    #expect(image.channels == 3)
    // conv 4 3 on 1 channel: 4 kernels (drawn `zoom` cells per weight on screen), one row.
    #expect(images.count == 4)
    let side = images[0].width
    let zoom = side / 3
    let scale = PictureRaster.scale(forSide: side)
    let gap = max(2, scale / 2)
    #expect(image.width == 4 * side * scale + 5 * gap && image.height == side * scale + 2 * gap)
    func pixel(_ x: Int, _ y: Int) -> RGB {
      let i = 3 * (y * image.width + x)
      return RGB(UInt8(image.samples[i]), UInt8(image.samples[i + 1]), UInt8(image.samples[i + 2]))
    }
    // Filter o is image o: each weight in the middle of its block, scaled as the screen
    // scales it (diverging: 0.5 + 0.5·w/max|w| over the kernel).
    for kernelIndex in 0..<4 {
      let kernel = (0..<9).map {
        ShowFilterValuesTests.weight(h, row: 1, kernelIndex, 0, $0 / 3, $0 % 3)
      }
      let largest = kernel.map { abs(Double($0)) }.max() ?? 1
      let left = gap + (kernelIndex % 8) * (side * scale + gap)
      let top = gap + (kernelIndex / 8) * (side * scale + gap)
      for (index, w) in kernel.enumerated() {
        let (x, y) = (index % 3, index / 3)
        let expected = Palette.diverging.color(at: 0.5 + 0.5 * Double(w) / largest)
        let center = (left + (x * zoom + zoom / 2) * scale, top + (y * zoom + zoom / 2) * scale)
        #expect(pixel(center.0, center.1) == expected, "kernel \(kernelIndex) weight \(x),\(y)")
      }
    }
    #expect(pixel(gap / 2, gap / 2) == PictureRaster.background)
  }

  @Test func refusesWithoutAPictureAndKeepsFiles() throws {
    let h = ShowFilterValuesTests.harness()
    let folder = Paths.temporaryFolder()
    let path = folder.appendingPathComponent("none.png").path
    h.run("export png \(path)")
    #expect(
      h.errorLines == [
        "error: export png: there is no picture to write yet; show one first, e.g. `show filters 1` or `show fmap 1`"
      ])
    #expect(!FileManager.default.fileExists(atPath: path))
    h.run("show filters 1")
    let kept = folder.appendingPathComponent("kept.png").path
    try Data("mine".utf8).write(to: URL(fileURLWithPath: kept))
    h.run("export png \(kept)")
    #expect(h.errorLines.first?.contains("force=yes") == true, "\(h.errorLines)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == Data("mine".utf8))
    h.run("export png \(kept) force=yes")
    #expect(h.errorLines.isEmpty)
    #expect(try PNGCodec.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: kept)))).width > 0)
    h.run("export png \(folder.appendingPathComponent("x.jpg").path)")
    #expect(h.errorLines.first?.hasPrefix("error: export png:") == true, "\(h.errorLines)")
  }
}
