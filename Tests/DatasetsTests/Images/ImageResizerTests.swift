import Datasets
import Testing

@Suite struct ImageResizerTests {
  /// Shrinking 4x4 to 2x2 is the mean of each 2x2 block.
  @Test func wholeFactorShrinkIsTheBlockMean() {
    let image = DecodedImage(
      width: 4, height: 4, channels: 1, samples: (0..<16).map { Float($0 * 10) })
    let small = ImageResizer.resized(image, height: 2, width: 2)
    #expect(small.samples == [25, 45, 105, 125])
  }

  /// 3 → 2 pixels: each output covers 1.5 inputs, `(a + b/2)/1.5` and `(b/2 + c)/1.5`.
  @Test func fractionalOverlapsAreWeightedByArea() {
    let image = DecodedImage(width: 3, height: 1, channels: 1, samples: [30, 60, 90])
    let out = ImageResizer.resized(image, height: 1, width: 2)
    #expect(abs(out.samples[0] - 40) < 1e-4 && abs(out.samples[1] - 80) < 1e-4)
  }

  @Test func enlargingRepeatsPixels() {
    let image = DecodedImage(width: 2, height: 1, channels: 1, samples: [0, 200])
    #expect(
      ImageResizer.resized(image, height: 2, width: 4).samples == [0, 0, 200, 200, 0, 0, 200, 200])
  }

  @Test func grayAndRGBConversionsInCHWOrder() {
    let rgb = DecodedImage(width: 2, height: 1, channels: 3, samples: [255, 10, 0, 0, 0, 255])
    // BT.601 luma: 0.299·255 + 0.587·10 = 82.1 → 82; 0.114·255 = 29.1 → 29.
    #expect(ImageResizer.bytes(rgb, channels: 1) == [82, 29])
    #expect(ImageResizer.bytes(rgb, channels: 3) == [255, 0, 10, 0, 0, 255])
    let gray = DecodedImage(width: 2, height: 1, channels: 1, samples: [10, 20.6])
    #expect(ImageResizer.bytes(gray, channels: 3) == [10, 21, 10, 21, 10, 21])
  }
}
