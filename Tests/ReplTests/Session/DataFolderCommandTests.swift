import Core
import Datasets
import Foundation
import Repl
import ReplTestSupport
import Testing

/// `data folder` and `data csv` through a session: summary, skip list, errors that keep the
/// old data, `data info`, `save`, and a training on the loaded images.
@Suite struct DataFolderCommandTests {
  static func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("cnnrepl-userdata-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// `root/dark` (PNG 16x16, value 30+i) and `root/light` (PGM 16x16, 220-i), 6 each, one
  /// broken file each.
  static func makeFolder(_ root: URL) throws {
    for name in ["dark", "light"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent(name), withIntermediateDirectories: true)
    }
    for i in 0..<6 {
      let png = try PNGCodec.encode(
        [UInt8](repeating: UInt8(30 + i), count: 256), width: 16, height: 16, channels: 1)
      try Data(png).write(to: root.appendingPathComponent("dark/\(i).png"))
      let pgm = Array("P5 16 16 255\n".utf8) + [UInt8](repeating: UInt8(220 - i), count: 256)
      try Data(pgm).write(to: root.appendingPathComponent("light/\(i).pgm"))
    }
    try Data("GIF89a".utf8).write(to: root.appendingPathComponent("dark/odd.png"))
    try Data(Array("P5 16 16 255\n".utf8) + [1]).write(
      to: root.appendingPathComponent("light/cut.pgm"))
  }

  @Test func loadsReportsSkipsAndTrains() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.makeFolder(root)
    let h = SessionHarness(seed: 3)
    let out = h.run("data folder \(root.path) size=8x8 gray split=0.34")
    #expect(
      out == """
        \(root.lastPathComponent): 8x8x1, 2 classes, 8 train / 4 test; pixels x/255
        skipped 2 files:
          dark/odd.png: not a PNG image
          light/cut.pgm: PGM data stops after 1 of 256 samples

        """)
    #expect(h.run("data info").contains("dark          4       2"))
    #expect(h.session.dataCommand == "data folder \(root.path) gray size=8x8 split=0.34")
    #expect(h.session.sessionScript.contains("data folder \(root.path) gray size=8x8 split=0.34\n"))
    // Every dark image is 30…35 everywhere, every light one 215…220: resized, not blurred.
    let data = try #require(h.session.data)
    for i in 0..<data.train.count {
      let pixels = data.train.pixels[(i * 64)..<((i + 1) * 64)]
      #expect(Set(pixels).count == 1)
      #expect((data.train.labels[i] == 0) == (pixels.first ?? 0 < 100))
    }
    h.run("input data\nflatten\ndense 2 softmax\ntrain epochs=3 lr=0.05 opt=sgd")
    #expect(h.errorLines.isEmpty)
    #expect(h.session.trainer.history.epochs.count == 3)
  }

  @Test func emptyOrMissingFoldersKeepTheOldData() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let h = SessionHarness()
    h.run("data bars train=40 test=8")
    h.run("data folder \(root.path)")
    #expect(
      h.errorLines == [
        "error: data folder: \(root.path): has no class folders; put each class's images in a "
          + "sub-folder of its own (\(root.path)/cats/…, \(root.path)/dogs/…)"
      ])
    h.run("data folder \(root.path)/missing")
    #expect(h.errorLines.first?.contains("no folder `") == true)
    #expect(h.session.data?.name == "bars" && h.session.dataCommand == "data bars train=40 test=8")
    h.run("data folder \(root.path) size=8x8x4")
    #expect(h.errorLines.first?.contains("size=8x8x4 has 4 channels") == true)
  }

  @Test func csvLoadsNextToTheScriptAndListsBadRows() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let rows = (0..<8).map { i in
      "\(i % 2)," + [String](repeating: "\(i * 30)", count: 4).joined(separator: ",")
    }
    try Data(("label,a,b,c,d\n" + rows.joined(separator: "\n") + "\n1,2,3\n").utf8).write(
      to: root.appendingPathComponent("px.csv"))
    try Data("data csv px.csv split=0.25\ndata info\n".utf8).write(
      to: root.appendingPathComponent("load.cnn"))
    let h = SessionHarness()
    let out = h.run("run \(root.path)/load.cnn")
    #expect(out.contains("px: 2x2x1, 2 classes, 6 train / 2 test; pixels x/255\n"))
    #expect(out.contains("skipped 1 row:\n  line 10: 3 columns, expected 5\n"))
    #expect(h.errorLines.isEmpty)
    h.run("data csv \(root.path)/px.csv shape=3x3x1")
    #expect(h.errorLines.first?.contains("rows have 4 pixel columns but shape=3x3x1") == true)
    #expect(h.session.data?.name == "px")
  }
}
