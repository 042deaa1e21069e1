import Core
import Datasets
import Foundation
import Repl
import ReplTestSupport
import Testing

/// `pad=P` on every command that loads images: `data NAME`, `data folder`, `data csv`.
@Suite struct DataPaddingTests {
  @Test func mnistPad2Is32x32AndSaysSo() throws {
    let h = SessionHarness()
    let out = h.run("data mnist pad=2")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("mnist pad=2: 32x32x1, 10 classes, "))
    let data = try #require(h.session.data)
    #expect(data.train.shape == Shape(height: 32, width: 32, channels: 1) && data.padding == 2)
    let plain = try DataCatalog.load(.mnist)
    #expect(data.train.pixels == plain.train.padded(by: 2).pixels)
    #expect(data.test.labels == plain.test.labels)
    #expect(h.session.dataCommand == "data mnist pad=2")
    let info = h.run("data info")
    #expect(
      info.contains(
        "padding: each 28x28 image framed by 2 zero (black) pixels per side -> 32x32\n"))
    h.run("input data")
    #expect(h.session.model.inputShape == Shape(height: 32, width: 32, channels: 1))
  }

  /// LeNet-5 as in the paper: 32x32 in, C1 5x5 valid gives 28x28, C5 a 5x5 conv to 1x1x120.
  @Test func lenet5On32x32Trains() throws {
    let h = SessionHarness(seed: 1)
    h.run(
      """
      data mnist pad=2
      input data
      conv 6 5 tanh
      avgpool 2
      conv 16 5 tanh
      avgpool 2
      conv 120 5 tanh
      flatten
      dense 84 tanh
      dense 10 softmax
      train epochs=1 batch=32 limit=256
      """)
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    #expect(h.session.model.shapes.map(\.description)[1] == "28x28x6")
    #expect(h.session.model.outputShape == .flat(10))
    let loss = try #require(h.session.trainer.history.epochs.last?.trainLoss)
    #expect(loss.isFinite && loss < 2.3)
  }

  @Test func badPaddingIsRefusedAndKeepsTheData() {
    let h = SessionHarness()
    h.run("data bars train=20 test=4 size=12")
    for line in ["data mnist pad=-1", "data mnist pad=33", "data mnist pad=two"] {
      h.run(line)
      #expect(h.errorLines.count == 1, "\(line)")
      #expect(h.errorLines.first?.hasPrefix("error: data: ") == true, "\(line)")
      #expect(h.errorLines.first?.contains("from 0 to 32") == true, "\(line): \(h.errorLines)")
    }
    #expect(
      h.errorLines.first
        == "error: data: `two` is not a valid `pad`; expected a whole number from 0 to 32")
    // Too many bytes once framed: refused with the arithmetic, the old set kept.
    h.run("data bars train=100000 test=10000 size=64 pad=32")
    #expect(
      h.errorLines
        == [
          "error: data: pad=32 makes 110,000 images of 128x128x1: 1,802 MB of pixels; "
            + "use a smaller pad (at most 1,000 MB)"
        ])
    #expect(h.session.data?.train.shape == Shape(height: 12, width: 12, channels: 1))
    #expect(h.session.dataCommand == "data bars train=20 test=4 size=12")
  }

  @Test func syntheticSetsAndCheckModeArePadded() throws {
    let h = SessionHarness()
    h.run("data bars train=8 test=4 size=12 pad=3")
    #expect(h.errorLines.isEmpty)
    #expect(h.session.data?.train.shape == Shape(height: 18, width: 18, channels: 1))
    #expect(h.session.dataCommand == "data bars pad=3 train=8 test=4 size=12")
    let check = SessionHarness(mode: .check)
    check.run("data mnist pad=2\ninput data")
    #expect(check.errorLines.isEmpty)
    #expect(check.session.model.inputShape == Shape(height: 32, width: 32, channels: 1))
    check.run("reset\ndata cifar10 pad=4\ninput data")
    #expect(check.session.model.inputShape == Shape(height: 40, width: 40, channels: 3))
  }

  @Test func csvAndFolderImagesArePaddedAfterReading() throws {
    let root = try DataFolderCommandTests.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let rows = (0..<8).map { i in
      "\(i % 2)," + [String](repeating: "\(i * 30 + 1)", count: 4).joined(separator: ",")
    }
    try Data(("label,a,b,c,d\n" + rows.joined(separator: "\n") + "\n").utf8).write(
      to: root.appendingPathComponent("px.csv"))
    let h = SessionHarness()
    let out = h.run("data csv \(root.path)/px.csv pad=1 split=0.25")
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    #expect(out.hasPrefix("px pad=1: 4x4x1, 2 classes, 6 train / 2 test"))
    let data = try #require(h.session.data)
    for i in 0..<data.train.count {
      let image = Array(data.train.pixels[(i * 16)..<((i + 1) * 16)])
      let v = image[5]
      #expect(v > 0 && (v - 1) % 30 == 0)
      #expect(image == [0, 0, 0, 0, 0, v, v, 0, 0, v, v, 0, 0, 0, 0, 0])
    }
    #expect(h.session.dataCommand == "data csv \(root.path)/px.csv label=first pad=1 split=0.25")

    let folder = root.appendingPathComponent("images")
    try DataFolderCommandTests.makeFolder(folder)
    h.run("data folder \(folder.path) size=8x8 gray pad=2 split=0.34")
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    let images = try #require(h.session.data)
    #expect(images.train.shape == Shape(height: 12, width: 12, channels: 1))
    let first = Array(images.train.pixels[0..<144])
    #expect(first[0] == 0 && first[2 * 12 + 2] > 0 && first[9 * 12 + 9] > 0 && first[10 * 12 + 10] == 0)
    #expect(
      h.session.dataCommand == "data folder \(folder.path) gray size=8x8 pad=2 split=0.34")
  }
}
