import Core
import Datasets
import Foundation
import Testing

@Suite struct PixelCSVTests {
  /// 2x2 gray images, label first, a header, three bad rows.
  static let text = """
    label,p0,p1,p2,p3
    0,0,10,20,30
    1,255,255,255,255
    2,1,2,3,4
    0,5,5,5,5
    1,1,2,3
    2,1,2,x,4
    0,1,2,3,300

    1,9,9,9,9
    2,7,7,7,7
    """

  @Test func headerLabelsShapeAndSkippedRows() throws {
    try Fixtures.withScratchFolder { root in
      let file = root.appendingPathComponent("tiny.csv")
      try Data(Self.text.utf8).write(to: file)
      let load = try PixelCSV(file).load(
        PixelCSVOptions(shape: Shape(height: 2, width: 2, channels: 1), testFraction: 0))
      let set = load.data.train
      #expect(load.data.name == "tiny")
      #expect(set.count == 6 && set.classNames == ["0", "1", "2"])
      #expect(set.classCounts == [2, 2, 2])
      #expect(
        load.skipped.map(\.description) == [
          "line 6: 4 columns, expected 5",
          "line 7: column 4: `x` is not a whole number",
          "line 8: pixel 3 is 300, above 255",
        ])
      #expect(load.skipReport()[0] == "skipped 3 rows:")
      let first = try #require(
        (0..<set.count).first { set.labels[$0] == 0 && set.pixels[$0 * 4 + 1] == 10 })
      #expect(Array(set.pixels[(first * 4)..<(first * 4 + 4)]) == [0, 10, 20, 30])
    }
  }

  /// No header, label last, RGB: the file's HWC pixels become CHW; 4 columns → 2x2x1 inferred.
  @Test func labelLastColourAndInferredShape() throws {
    try Fixtures.withScratchFolder { root in
      let file = root.appendingPathComponent("rgb.csv")
      try Data("1,2,3,4,5,6,1\n10,20,30,40,50,60,0\r\n".utf8).write(to: file)
      let load = try PixelCSV(file).load(
        PixelCSVOptions(
          label: .last, shape: Shape(height: 1, width: 2, channels: 3), testFraction: 0))
      let set = load.data.train
      let one = try #require(set.labels.firstIndex(of: 1))
      #expect(Array(set.pixels[(one * 6)..<(one * 6 + 6)]) == [1, 4, 2, 5, 3, 6])
      let gray = root.appendingPathComponent("gray.csv")
      try Data("3,1,2,3,4\n".utf8).write(to: gray)
      let inferred = try PixelCSV(gray).load(PixelCSVOptions(testFraction: 0)).data.train
      #expect(inferred.shape == Shape(height: 2, width: 2, channels: 1))
      #expect(inferred.classNames == ["0", "1", "2", "3"])
    }
  }

  @Test func shapeErrorsAndEmptyFiles() throws {
    try Fixtures.withScratchFolder { root in
      let file = root.appendingPathComponent("odd.csv")
      try Data("0,1,2,3\n1,4,5,6\n".utf8).write(to: file)
      #expect(throws: UserDataError.shapeRequired(file: "odd.csv", pixelColumns: 3)) {
        try PixelCSV(file).load()
      }
      #expect(throws: UserDataError.shapeMismatch(file: "odd.csv", pixelColumns: 3, shape: "2x2x1"))
      {
        try PixelCSV(file).load(PixelCSVOptions(shape: Shape(height: 2, width: 2, channels: 1)))
      }
      let empty = root.appendingPathComponent("empty.csv")
      try Data("label,p0\n".utf8).write(to: empty)
      #expect(throws: UserDataError.self) { try PixelCSV(empty).load() }
    }
  }

  /// 784 pixel columns are MNIST-shaped; the split is stratified and seeded.
  @Test func kaggleShapedSplit() throws {
    try Fixtures.withScratchFolder { root in
      let file = root.appendingPathComponent("train.csv")
      var text = "label," + (0..<784).map { "pixel\($0)" }.joined(separator: ",") + "\n"
      for i in 0..<50 {
        text += "\(i % 5)," + (0..<784).map { "\(($0 + i) % 256)" }.joined(separator: ",") + "\n"
      }
      try Data(text.utf8).write(to: file)
      let data = try PixelCSV(file).load(PixelCSVOptions(testFraction: 0.2, seed: 4)).data
      #expect(data.train.shape == Shape(height: 28, width: 28, channels: 1))
      #expect(
        data.train.classCounts == [8, 8, 8, 8, 8] && data.test.classCounts == [2, 2, 2, 2, 2])
    }
  }
}
