import Core
import Datasets
import Foundation
import Testing

/// Seeded mutations of valid PNG, PGM, PPM and CSV bytes: every decode either succeeds or
/// throws its typed error, never crashes; a decoded image always has consistent sizes.
@Suite struct ImageDecoderFuzzTests {
  static func mutations(of bytes: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
    var random = SeededRandom(seed: seed)
    return (0..<count).map { i in
      var out = bytes
      switch i % 4 {
      case 0: out = Array(out.prefix(Int(random.next() % UInt64(out.count))))
      case 1, 2:
        for _ in 0..<(1 + Int(random.next() % 4)) {
          let limit = i % 2 == 0 ? min(40, out.count) : out.count
          out[Int(random.next() % UInt64(limit))] ^= UInt8(1 + random.next() % 255)
        }
      default:
        out += (0..<(1 + Int(random.next() % 30))).map { _ in
          UInt8(truncatingIfNeeded: random.next())
        }
      }
      return out
    }
  }

  @Test func mutatedImagesNeverCrash() throws {
    let png = try PNGCodec.encode((0..<48).map { UInt8($0 * 5) }, width: 4, height: 4, channels: 3)
    let pgm = Array("P5 4 3 65535\n".utf8) + (0..<24).map { UInt8($0 * 9) }
    let ppm = Array("P3 2 2 255 # c\n1 2 3 4 5 6 7 8 9 10 11 12\n".utf8)
    var decoded = 0
    for (n, file) in [png, pgm, ppm].enumerated() {
      for bytes in Self.mutations(of: file, count: 1500, seed: UInt64(n + 1)) {
        do {
          let image = try ImageDecoder.decode(bytes, name: "x.png")
          #expect(image.samples.count == image.width * image.height * image.channels)
          #expect(image.samples.allSatisfy { $0 >= 0 && $0 <= 255 })
          decoded += 1
        } catch {
          #expect(!error.description.isEmpty)
        }
      }
    }
    #expect(decoded > 0)
  }

  @Test func mutatedCSVsNeverCrash() throws {
    let text =
      "label,a,b,c,d\n" + (0..<12).map { "\($0 % 3),1,2,3,\($0 * 20)" }.joined(separator: "\n")
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("cnnrepl-csvfuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("f.csv")
    for bytes in Self.mutations(of: Array(text.utf8), count: 600, seed: 9) {
      try Data(bytes).write(to: file)
      do {
        let load = try PixelCSV(file).load(PixelCSVOptions(testFraction: 0.25))
        #expect(load.data.train.count + load.data.test.count > 0)
      } catch is UserDataError {
      } catch is DataFileError {
      }
    }
  }
}
