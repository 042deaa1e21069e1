import Datasets
import Testing

@Suite struct PNGCodecTests {
  @Test func libpngRoundTripGrayAndRGB() throws {
    let gray: [UInt8] = [0, 50, 100, 150, 200, 255]
    let g = try PNGCodec.decode(PNGCodec.encode(gray, width: 3, height: 2, channels: 1))
    #expect(g.width == 3 && g.height == 2 && g.channels == 1)
    #expect(g.samples == gray.map(Float.init))
    let rgb: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]
    let c = try PNGCodec.decode(PNGCodec.encode(rgb, width: 2, height: 2, channels: 3))
    #expect(c.channels == 3 && c.samples == rgb.map(Float.init))
  }

  /// A PNG written without libpng (stored deflate blocks) decodes to the same samples.
  @Test func decodesAPNGNotWrittenByLibpng() throws {
    let samples: [UInt8] = (0..<20).map { UInt8($0 * 12) }
    let png = StoredPNG.make(width: 5, height: 4, colorType: 0, samples: samples)
    let image = try PNGCodec.decode(png)
    #expect(image.width == 5 && image.height == 4 && image.samples == samples.map(Float.init))
  }

  /// Alpha is composited onto black: an opaque pixel keeps its colour, a transparent one is 0.
  @Test func alphaIsCompositedOntoBlack() throws {
    let rgba: [UInt8] = [200, 100, 50, 255, 200, 100, 50, 0]
    let image = try PNGCodec.decode(
      StoredPNG.make(width: 2, height: 1, colorType: 6, samples: rgba))
    #expect(image.channels == 3)
    #expect(image.samples == [200, 100, 50, 0, 0, 0])
    let grayAlpha = try PNGCodec.decode(
      StoredPNG.make(width: 2, height: 1, colorType: 4, samples: [90, 255, 90, 0]))
    #expect(grayAlpha.channels == 1 && grayAlpha.samples == [90, 0])
  }

  /// Cut files, a bad CRC and garbage come back as typed errors with libpng's reason.
  @Test func brokenPNGsAreErrorsNotCrashes() throws {
    let good = try PNGCodec.encode(
      [UInt8](repeating: 7, count: 64), width: 8, height: 8, channels: 1)
    for cut in [8, 20, 33, good.count / 2, good.count - 13] {
      #expect(throws: ImageFileError.self) { try PNGCodec.decode(Array(good.prefix(cut))) }
    }
    var badCRC = good
    badCRC[29] ^= 0xFF  // inside IHDR's CRC
    #expect(throws: ImageFileError.self) { try PNGCodec.decode(badCRC) }
    #expect(throws: ImageFileError.unknownFormat(expected: "PNG")) {
      try PNGCodec.decode(Array("hello, not a png".utf8))
    }
    do {
      _ = try PNGCodec.decode(Array(good.prefix(good.count / 2)))
    } catch {
      guard case .badPNG(let message) = error else { throw error }
      #expect(!message.isEmpty)
    }
  }

  @Test func hugeDimensionsAreRefusedBeforeDecoding() throws {
    let png = StoredPNG.make(
      width: 4, height: 4, colorType: 0, samples: [UInt8](repeating: 1, count: 16))
    #expect(throws: ImageFileError.tooLarge(width: 4, height: 4)) {
      try PNGCodec.decode(png, maxPixels: 10)
    }
  }
}
