import Core
import Datasets
import Foundation
import Testing

@Suite struct ImageFolderTests {
  /// `DIR/circle` (PNG, 8x8, gray) and `DIR/square` (PGM and PPM, 4x4) with five broken files.
  static func makeFolder(_ root: URL, circles: Int = 10, squares: Int = 10) throws {
    let circle = root.appendingPathComponent("circle")
    let square = root.appendingPathComponent("square")
    for folder in [circle, square] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    for i in 0..<circles {
      // 8x8: left half 40, right half 200 (+ i so images differ).
      let samples = (0..<64).map { UInt8(($0 % 8 < 4 ? 40 : 200) + i) }
      let png = try PNGCodec.encode(samples, width: 8, height: 8, channels: 1)
      try Data(png).write(to: circle.appendingPathComponent(String(format: "c%02d.png", i)))
    }
    for i in 0..<squares {
      let name = String(format: "s%02d", i)
      if i % 2 == 0 {
        let body = (0..<16).map { _ in "\(100 + i)" }.joined(separator: " ")
        try Data("P2\n4 4\n255\n\(body)\n".utf8).write(
          to: square.appendingPathComponent(name + ".pgm"))
      } else {
        // Colour 4x4 (maxval 255): pure red.
        let rgb: [UInt8] = (0..<16).flatMap { _ in [UInt8(255), 0, 0] }
        try Data(Array("P6 4 4 255\n".utf8) + rgb).write(
          to: square.appendingPathComponent(name + ".ppm"))
      }
    }
    let good = try PNGCodec.encode(
      [UInt8](repeating: 9, count: 64), width: 8, height: 8, channels: 1)
    try Data(good.prefix(40)).write(to: circle.appendingPathComponent("cut.png"))
    try Data("just text".utf8).write(to: circle.appendingPathComponent("garbage.png"))
    try Data().write(to: square.appendingPathComponent("empty.pgm"))
    try Data(Array("P5 4 4 255\n".utf8) + [1, 2]).write(
      to: square.appendingPathComponent("short.pgm"))
    try Data("P7 hello".utf8).write(to: square.appendingPathComponent("wrong.ppm"))
    try Data("hidden".utf8).write(to: square.appendingPathComponent(".DS_Store"))
  }

  @Test func loadsClassesInFolderOrderAndListsEveryBrokenFile() throws {
    try Fixtures.withScratchFolder { root in
      try Self.makeFolder(root)
      let load = try ImageFolder(root).load(
        ImageFolderOptions(height: 4, width: 4, color: .gray, testFraction: 0.2, seed: 3))
      #expect(load.data.train.classNames == ["circle", "square"])
      #expect(load.data.train.shape == Shape(height: 4, width: 4, channels: 1))
      #expect(load.data.train.count == 16 && load.data.test.count == 4)
      #expect(load.data.train.classCounts == [8, 8] && load.data.test.classCounts == [2, 2])
      #expect(load.data.name == root.lastPathComponent)
      #expect(
        load.skipped.map(\.description) == [
          "circle/cut.png: damaged PNG (\(load.skipped[0].reason.dropFirst(13).dropLast()))",
          "circle/garbage.png: not a PNG image",
          "square/empty.pgm: empty file",
          "square/short.pgm: PGM data stops after 2 of 16 samples",
          "square/wrong.ppm: not a PPM image",
        ])
      #expect(
        load.skipReport(limit: 2) == [
          "skipped 5 files:", "  circle/cut.png: \(load.skipped[0].reason)",
          "  circle/garbage.png: not a PNG image", "  … and 3 more",
        ])
    }
  }

  /// After resizing 8x8 → 4x4 a circle image is 40 on the left, 200 on the right (+i); a red
  /// PPM square is BT.601 gray 76, a PGM square is its value.
  @Test func pixelValuesAfterResizeAndConversion() throws {
    try Fixtures.withScratchFolder { root in
      try Self.makeFolder(root)
      let load = try ImageFolder(root).load(
        ImageFolderOptions(height: 4, width: 4, color: .gray, testFraction: 0, seed: 1))
      let set = load.data.train
      #expect(load.data.test.count == 0 && set.count == 20)
      var rows: Set<[UInt8]> = []
      var squares: Set<UInt8> = []
      for i in 0..<set.count {
        let image = Array(set.pixels[(i * 16)..<((i + 1) * 16)])
        if set.labels[i] == 0 {
          rows.insert(Array(image.prefix(4)))
          #expect(image[0] == image[4] && image[3] == image[15])
        } else {
          #expect(Set(image).count == 1)
          squares.insert(image[0])
        }
      }
      #expect(rows == Set((0..<10).map { i in [40, 40, 200, 200].map { UInt8($0 + i) } }))
      #expect(squares == [76, 100, 102, 104, 106, 108])
    }
  }

  /// Without size= and colour the first image's size is used and one colour file makes it RGB.
  @Test func defaultsFirstImageSizeAndRGBWhenAnyIsColour() throws {
    try Fixtures.withScratchFolder { root in
      try Self.makeFolder(root)
      let load = try ImageFolder(root).load(ImageFolderOptions(seed: 2))
      let set = load.data.train
      #expect(set.shape == Shape(height: 8, width: 8, channels: 3))
      // A red PPM square enlarged to 8x8: R plane 255, G and B 0.
      let red = try #require(
        (0..<set.count).first { i in
          set.labels[i] == 1 && set.pixels[i * 192 + 64] == 0 && set.pixels[i * 192] == 255
        })
      #expect(set.pixels[(red * 192)..<(red * 192 + 64)].allSatisfy { $0 == 255 })
      #expect(set.pixels[(red * 192 + 64)..<(red * 192 + 192)].allSatisfy { $0 == 0 })
    }
  }

  @Test func sameSeedSameSplitOtherSeedOtherSplit() throws {
    try Fixtures.withScratchFolder { root in
      try Self.makeFolder(root)
      let options = ImageFolderOptions(height: 4, width: 4, color: .gray, seed: 5)
      let a = try ImageFolder(root).load(options).data
      let b = try ImageFolder(root).load(options).data
      var other = options
      other.seed = 6
      let c = try ImageFolder(root).load(other).data
      #expect(a.test.pixels == b.test.pixels && a.train.labels == b.train.labels)
      #expect(a.test.pixels != c.test.pixels || a.train.labels != c.train.labels)
    }
  }

  @Test func foldersWithoutClassesOrImagesAreTypedErrors() throws {
    try Fixtures.withScratchFolder { root in
      #expect(throws: UserDataError.noClassFolders(folder: root.path)) {
        try ImageFolder(root).load()
      }
      let cats = root.appendingPathComponent("cats")
      try FileManager.default.createDirectory(at: cats, withIntermediateDirectories: true)
      try Data("x".utf8).write(to: cats.appendingPathComponent("a.png"))
      #expect(
        throws: UserDataError.noImages(
          folder: root.path, skipped: 1, firstReason: "cats/a.png: not a PNG image")
      ) { try ImageFolder(root).load() }
      #expect(throws: DataFileError.missingFolder(path: root.path + "/nope")) {
        try ImageFolder(root.appendingPathComponent("nope")).load()
      }
    }
  }
}
