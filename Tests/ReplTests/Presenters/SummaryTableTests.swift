import Core
import Repl
import Testing

/// The Keras MNIST convnet (keras.io/examples/vision/mnist_convnet, with a third conv of 128):
///   model.summary() → 320, 18,496, 73,856, 11,530; Total params: 104,202 (407.04 KB)
/// MACs: 3·3·1·32·26·26 = 194,688; 3·3·32·64·11·11 = 2,230,272; 3·3·64·128·3·3 = 663,552;
/// 1152·10 = 11,520.
enum KerasMnist {
  static func shape(_ h: Int, _ w: Int, _ c: Int) -> Shape {
    Shape(height: h, width: w, channels: c)
  }

  static let rows: [SummaryRow] = [
    SummaryRow(
      index: 0, layer: "input", outputShape: shape(28, 28, 1), parameters: 0,
      trainableParameters: 0, macs: 0, receptiveField: 1),
    SummaryRow(
      index: 1, layer: "conv 32 3 relu", outputShape: shape(26, 26, 32), parameters: 320,
      trainableParameters: 320, macs: 194_688, receptiveField: 3),
    SummaryRow(
      index: 2, layer: "maxpool 2", outputShape: shape(13, 13, 32), parameters: 0,
      trainableParameters: 0, macs: 0, receptiveField: 4),
    SummaryRow(
      index: 3, layer: "conv 64 3 relu", outputShape: shape(11, 11, 64), parameters: 18_496,
      trainableParameters: 18_496, macs: 2_230_272, receptiveField: 8),
    SummaryRow(
      index: 4, layer: "maxpool 2", outputShape: shape(5, 5, 64), parameters: 0,
      trainableParameters: 0, macs: 0, receptiveField: 10),
    SummaryRow(
      index: 5, layer: "conv 128 3 relu", outputShape: shape(3, 3, 128), parameters: 73_856,
      trainableParameters: 73_856, macs: 663_552, receptiveField: 18),
    SummaryRow(
      index: 6, layer: "flatten", outputShape: .flat(1152), parameters: 0, trainableParameters: 0,
      macs: 0, receptiveField: 18),
    SummaryRow(
      index: 7, layer: "dropout 0.5", outputShape: .flat(1152), parameters: 0,
      trainableParameters: 0, macs: 0, receptiveField: 18),
    SummaryRow(
      index: 8, layer: "dense 10 softmax", outputShape: .flat(10), parameters: 11_530,
      trainableParameters: 11_530, macs: 11_520, receptiveField: 18),
  ]

  static let script = """
    input 28x28x1
    conv 32 3 relu
    maxpool 2
    conv 64 3 relu
    maxpool 2
    conv 128 3 relu
    flatten
    dropout 0.5
    dense 10 softmax

    """
}

@Suite struct SummaryTableTests {
  @Test func headerAndRowsLineUp() {
    #expect(
      SummaryTable.header
        == "  #  layer                      output        params         MACs     RF")
    #expect(
      SummaryTable.rows(KerasMnist.rows[1])
        == ["  1  conv 32 3 relu             26x26x32         320      194,688    3x3"])
    #expect(
      SummaryTable.rows(KerasMnist.rows[8])
        == ["  8  dense 10 softmax           10            11,530       11,520  18x18"])
  }

  @Test func totalsFollowKerasCounts() {
    let summary = ModelSummary(rows: KerasMnist.rows)
    #expect(
      SummaryTable.totals(summary) == [
        "total params: 104,202 (407.0 KiB)",
        "trainable params: 104,202 (407.0 KiB)",
        "MACs per image: 3,100,032",
        "activation memory per image: 158.7 KiB",
      ])
    let table = SummaryTable.render(summary)
    #expect(table.count == 1 + 9 + 4)
    #expect(table[0] == SummaryTable.header)
  }

  @Test func batchnormTrainableDiffers() {
    let rows = [
      SummaryRow(
        index: 0, layer: "input", outputShape: Shape(height: 4, width: 4, channels: 8),
        parameters: 0, trainableParameters: 0, macs: 0, receptiveField: 1),
      SummaryRow(
        index: 1, layer: "batchnorm", outputShape: Shape(height: 4, width: 4, channels: 8),
        parameters: 32, trainableParameters: 16, macs: 0, receptiveField: 1),
    ]
    let totals = SummaryTable.totals(ModelSummary(rows: rows))
    #expect(totals[0] == "total params: 32 (128 B)")
    #expect(totals[1] == "trainable params: 16 (64 B)")
  }

  /// Up to 80 columns a long name widens its own line; past that it gets a line of its own and
  /// the numbers stay in their columns below it.
  @Test func longLayerNamesWidenTheirLineOrTakeOne() {
    var row = KerasMnist.rows[1]
    row.layer = "conv 32 3 stride=2 pad=same relu"
    #expect(SummaryTable.rows(row) == ["  1  conv 32 3 stride=2 pad=same relu 26x26x32         320      194,688    3x3"])
    row.layer = "conv 32 3 stride=2 pad=same dilation=2 bias=no leaky_relu 0.1"
    let lines = SummaryTable.rows(row)
    #expect(
      lines == [
        "  1  conv 32 3 stride=2 pad=same dilation=2 bias=no leaky_relu 0.1",
        "                                26x26x32         320      194,688    3x3",
      ])
    #expect(lines.allSatisfy { $0.count <= 80 })
    let header = SummaryTable.header
    #expect(lines[1].range(of: "26x26x32")?.lowerBound.utf16Offset(in: lines[1]) == header.range(of: "output")?.lowerBound.utf16Offset(in: header))
  }

  @Test func byteUnits() {
    #expect(SummaryTable.bytes(0) == "0 B")
    #expect(SummaryTable.bytes(1023) == "1023 B")
    #expect(SummaryTable.bytes(1024) == "1.0 KiB")
    #expect(SummaryTable.bytes(416_808) == "407.0 KiB")
    #expect(SummaryTable.bytes(5 * 1024 * 1024 + 300_000) == "5.3 MiB")
  }

  @Test func emptyModel() {
    #expect(
      SummaryTable.render(ModelSummary(rows: [])) == [
        "(empty model: start with `input 28x28x1` or `input data`)"
      ])
  }
}

/// The attack: `input 2048x2048x64`, `conv 64 3 pad=same relu` printed params and MACs run
/// together ("2,5601,849,688,064"): numbers wider than their column keep two blanks before them,
/// and a whole table's columns grow with their widest number.
struct SummaryTableWideNumberTests {
  let huge = SummaryRow(
    index: 1, layer: "conv 64 3 pad=same relu", outputShape: Shape(height: 2048, width: 2048, channels: 64),
    parameters: 36_928, trainableParameters: 36_928, macs: 154_618_822_656, receptiveField: 3)
  let small = SummaryRow(
    index: 2, layer: "relu", outputShape: Shape(height: 2048, width: 2048, channels: 64),
    parameters: 0, trainableParameters: 0, macs: 0, receptiveField: 3)

  @Test func largeNumbersNeverRunTogether() {
    let row = SummaryTable.rows(huge).joined(separator: "\n")
    let words = row.split(separator: " ").map(String.init)
    #expect(words.contains("2048x2048x64"))
    #expect(words.contains("36,928"))
    #expect(words.contains("154,618,822,656"))
    #expect(words.contains("3x3"))
  }

  @Test func aWholeTableKeepsItsColumnsAligned() {
    let table = SummaryTable.render(ModelSummary(rows: [huge, small]))
    let header = table[0]
    let rows = table.filter { $0.hasSuffix("3x3") }  // the number lines (a long layer has its own line)
    #expect(rows.count == 2)
    // The last character of each numeric column lines up with its header's.
    for title in ["params", "MACs", "RF"] {
      let end = header.range(of: title).map { header.distance(from: header.startIndex, to: $0.upperBound) }
      for row in rows {
        let chars = Array(row)
        #expect(end.map { chars.count >= $0 && chars[$0 - 1] != " " } == true, "\(title) in \(row)")
      }
    }
  }
}
