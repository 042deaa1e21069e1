import Datasets
import Testing

@Suite struct PNMDecoderTests {
  @Test func textAndBinaryGrayWithComments() throws {
    let p2 = try PNMDecoder.decode(Array("P2\n# a comment\n3 1 # width height\n10\n0 5 10\n".utf8))
    #expect(p2.width == 3 && p2.height == 1 && p2.channels == 1)
    #expect(p2.samples == [0, 127.5, 255])
    let p5 = try PNMDecoder.decode(Array("P5 2 2 255\n".utf8) + [0, 64, 128, 255])
    #expect(p5.samples == [0, 64, 128, 255])
  }

  @Test func colourAndSixteenBit() throws {
    let p3 = try PNMDecoder.decode(Array("P3 1 1 255 255 0 10".utf8))
    #expect(p3.channels == 3 && p3.samples == [255, 0, 10])
    // maxval 65535: two bytes big-endian per sample; 0xFFFF → 255, 0x8000 → 127.5…
    let p6 = try PNMDecoder.decode(Array("P6 1 1 65535\n".utf8) + [0xFF, 0xFF, 0x80, 0x00, 0, 0])
    #expect(p6.samples[0] == 255 && p6.samples[2] == 0)
    #expect(abs(p6.samples[1] - 127.502) < 0.01)
    let p5 = try PNMDecoder.decode(Array("P5 2 1 1000\n".utf8) + [0x03, 0xE8, 0x01, 0xF4])
    #expect(p5.samples == [255, 127.5])
  }

  @Test(arguments: [
    ("P5 2 2 255\n", [UInt8]([1, 2, 3]), "PGM data stops after 3 of 4 samples"),
    ("P2 2 1 255 3", [], "PGM data stops after 1 of 2 samples"),
    ("P6 1 1 0\n", [0, 0, 0], "PPM maxval 0 is outside 1…65535"),
    ("P6 1 1 70000\n", [0, 0, 0], "PPM maxval 70000 is outside 1…65535"),
    ("P2 1 1 10 11", [], "PGM sample 11 is above maxval 10"),
    ("P5 x 2 255\n", [], "bad PGM header (width and height missing)"),
    ("P5 0 2 255\n", [], "bad PGM header (0x2 has no pixels)"),
    ("P5 2 2\n", [], "bad PGM header (maxval missing)"),
  ])
  func brokenFilesNameTheirProblem(header: String, data: [UInt8], message: String) {
    do {
      _ = try PNMDecoder.decode(Array(header.utf8) + data)
      Issue.record("decoded a broken file")
    } catch {
      #expect(error.problem == message)
    }
  }

  @Test func decoderPicksTheFormatByContent() throws {
    #expect(throws: ImageFileError.empty) { try ImageDecoder.decode([], name: "a.png") }
    #expect(throws: ImageFileError.unknownFormat(expected: "PNG")) {
      try ImageDecoder.decode(Array("GIF89a".utf8), name: "cat.png")
    }
    #expect(throws: ImageFileError.unknownFormat(expected: nil)) {
      try ImageDecoder.decode(Array("notes".utf8), name: "README.txt")
    }
    // A PGM named .png still loads: content decides.
    let image = try ImageDecoder.decode(Array("P2 1 1 255 9".utf8), name: "x.png")
    #expect(image.samples == [9])
  }
}
