import Rendering
import Testing

@Suite
struct PictureRasterTests {
  /// Two 3x3 images: 32 pixels per value, 16 around and between, every value's square in the
  /// palette's colour of its per-image scaled value, the gaps background.
  @Test func imagesBecomeSquaresOfTheirColours() throws {
    let first = CaptionedImage(values: [0, 1, 2, 3, 4, 5, 6, 7, 8], width: 3, height: 3, caption: "a")
    let second = CaptionedImage(values: [-2, 0, 1, 0, 0, 0, 0, 0, 2], width: 3, height: 3)
    let raster = try #require(
      PictureRaster.of(.images(title: "t", images: [first, second], palette: .diverging)))
    #expect(PictureRaster.scale(forSide: 3) == 32)
    #expect(raster.width == 2 * 3 * 32 + 3 * 16 && raster.height == 3 * 32 + 2 * 16)
    #expect(raster.samples.count == raster.width * raster.height * 3)
    // Value (x, y) of image k covers [16 + k·(96 + 16) + 32x, +32) x [16 + 32y, +32).
    func center(_ k: Int, _ x: Int, _ y: Int) -> RGB {
      raster.pixel(x: 16 + k * 112 + 32 * x + 16, y: 16 + 32 * y + 16)
    }
    // diverging: t = 0.5 + 0.5·v/max|v|.
    #expect(center(0, 0, 0) == Palette.diverging.color(at: 0.5))
    #expect(center(0, 2, 2) == Palette.diverging.color(at: 1))
    #expect(center(0, 1, 1) == Palette.diverging.color(at: 0.5 + 0.5 * 4 / 8))
    #expect(center(1, 0, 0) == Palette.diverging.color(at: 0))
    #expect(center(1, 2, 0) == Palette.diverging.color(at: 0.75))
    // The square's corners are its colour too; the gaps are the background.
    #expect(raster.pixel(x: 16 + 112 + 64, y: 16) == Palette.diverging.color(at: 0.75))
    #expect(raster.pixel(x: 16 + 112 + 95, y: 47) == Palette.diverging.color(at: 0.75))
    #expect(raster.pixel(x: 15, y: 60) == PictureRaster.background)
    #expect(raster.pixel(x: 16 + 96 + 3, y: 60) == PictureRaster.background)
    #expect(raster.pixel(x: 100, y: raster.height - 1) == PictureRaster.background)
  }

  @Test func manyImagesWrapInRowsAndStayUnderTheLargestSide() throws {
    let maps = (0..<20).map {
      CaptionedImage(values: (0..<784).map { Float($0 % 28) }, width: 28, height: 28, caption: "\($0)")
    }
    let raster = try #require(PictureRaster.grid(maps, palette: .sequential))
    // 28 → 4 pixels per value, gap 2; 8 per row, 3 rows.
    #expect(raster.width == 8 * 112 + 9 * 2 && raster.height == 3 * 112 + 4 * 2)
    #expect(raster.pixel(x: 2, y: 2) == Palette.sequential.color(at: 0))
    #expect(raster.pixel(x: 2 + 27 * 4, y: 2 + 2 * 112 + 2 + 5) == Palette.sequential.color(at: 1))

    let huge = [CaptionedImage(values: [Float](repeating: 1, count: 3000 * 2), width: 3000, height: 2)]
    let wide = try #require(PictureRaster.grid(huge, palette: .sequential))
    #expect(wide.width <= PictureRaster.maxSide && wide.height == 2 + 4)
  }

  @Test func largePicturesShrinkOrAreRefused() throws {
    // 1,500 maps of 28x28: ⌈√1500⌉ = 39 per row, 39 rows; 4 pixels a value would be 4,448
    // pixels wide, so 3 (gap 2).
    let maps = (0..<1500).map {
      CaptionedImage(values: [Float](repeating: Float($0), count: 784), width: 28, height: 28)
    }
    let shrunk = try #require(PictureRaster.grid(maps, palette: .sequential))
    #expect(shrunk.width <= PictureRaster.maxSide && shrunk.height <= PictureRaster.maxSide)
    #expect(shrunk.width == 39 * 28 * 3 + 40 * 2 && shrunk.height == 39 * 28 * 3 + 40 * 2)
    // One value a pixel is still too wide: nothing is drawn.
    let tooWide = CaptionedImage(values: [Float](repeating: 0, count: 5000), width: 5000, height: 1)
    #expect(PictureRaster.grid([tooWide], palette: .sequential) == nil)
    // NaN and infinity count as 0; an image without pixels or values is left out.
    let odd = CaptionedImage(values: [.nan, 1, .infinity, 2], width: 2, height: 2)
    let empty = CaptionedImage(values: [], width: 3, height: 3)
    let raster = try #require(PictureRaster.grid([odd, empty], palette: .sequential))
    #expect(PictureRaster.drawable([odd, empty]).count == 1)
    #expect(raster.width == 2 * 32 + 2 * 16 && raster.height == 2 * 32 + 2 * 16)
    #expect(raster.pixel(x: 16, y: 16) == Palette.sequential.color(at: 0))
    #expect(raster.pixel(x: 16, y: 48) == Palette.sequential.color(at: 0))
    #expect(raster.pixel(x: 48, y: 48) == Palette.sequential.color(at: 1))
  }

  @Test func textPicturesHaveNoPixels() {
    #expect(PictureRaster.of(.lines(title: "t", lines: [])) == nil)
    #expect(PictureRaster.grid([], palette: .sequential) == nil)
  }
}
