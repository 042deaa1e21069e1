import Core
import Repl
import ReplTestSupport
import Testing

@Suite
struct ExplainCommandTests {
  /// Every layer type once, with padding, stride and dilation variants.
  static let model = """
    input 16x16x3
    conv 8 3 pad=1 relu
    conv 8 3 stride=2 pad=same dilation=1
    conv 4 3 dilation=2 bias=no
    maxpool 2
    dwconv 3 mult=2 pad=same relu
    sepconv 6 3 pad=1
    batchnorm
    relu
    dropout 0.25
    avgpool 3 stride=1 pad=1
    upsample 2
    deconv 4 2 stride=2
    maxpool 2
    maxunpool 13
    gap
    dense 10 softmax
    """

  static func formatted(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return out
  }

  /// Every catalog example (every kind of layer): `explain` of its row shows the summary's
  /// output shape, parameters, MACs and receptive field.
  @Test(arguments: LayerCatalog.all)
  func everyLayerKindMatchesTheSummary(_ example: LayerCatalog.Example) {
    let h = SessionHarness()
    h.run(example.script.joined(separator: "\n"))
    #expect(h.errorLines.isEmpty, "\(example)")
    let row = h.session.model.summary.rows[example.stack.count]
    let lines = h.run("explain \(row.index)").split(separator: "\n").map(String.init)
    #expect(h.errorLines.isEmpty, "\(example)")
    #expect(lines.first?.hasSuffix("-> \(row.outputShape)") == true, "\(example)")
    let params = lines.first { $0.hasPrefix("params: ") } ?? ""
    #expect(
      params == "params: 0 (no weights)" && row.parameters == 0
        || params.contains("= \(Self.formatted(row.parameters))"), "\(example): \(params)")
    let macs = lines.first { $0.hasPrefix("MACs: ") } ?? ""
    #expect(
      macs.hasSuffix(" \(Self.formatted(row.macs))") || macs.contains(": 0 ") && row.macs == 0,
      "\(example): \(macs)")
    let rf = lines.first { $0.hasPrefix("RF: ") } ?? ""
    #expect(rf.hasSuffix("(\(row.receptiveField)x\(row.receptiveField))"), "\(example): \(rf)")
    #expect(lines.count >= 5, "\(example): \(lines)")
  }

  @Test func everyRowMatchesTheSummary() {
    let h = SessionHarness()
    h.run(Self.model)
    #expect(h.errorLines.isEmpty)
    let rows = h.session.model.summary.rows
    #expect(rows.count == 17)
    for row in rows.dropFirst() {
      let lines = h.run("explain \(row.index)").split(separator: "\n").map(String.init)
      #expect(h.errorLines.isEmpty)
      #expect(lines.first?.hasSuffix("-> \(row.outputShape)") == true, "row \(row.index)")
      let params = lines.first { $0.hasPrefix("params: ") } ?? ""
      #expect(
        params == "params: 0 (no weights)" && row.parameters == 0
          || params.contains("= \(Self.formatted(row.parameters))"), "row \(row.index): \(params)")
      let macs = lines.first { $0.hasPrefix("MACs: ") } ?? ""
      #expect(macs.hasSuffix(" \(Self.formatted(row.macs))") || macs.contains(": 0 ") && row.macs == 0,
        "row \(row.index): \(macs)")
      let rf = lines.first { $0.hasPrefix("RF: ") } ?? ""
      #expect(rf.hasSuffix("(\(row.receptiveField)x\(row.receptiveField))"), "row \(row.index): \(rf)")
      if row.layer.hasPrefix("conv") {
        let size = lines.first { $0.hasPrefix("output size: ") } ?? ""
        #expect(size.contains("= \(row.outputShape.height)"), "row \(row.index): \(size)")
      }
    }
  }

  @Test func lenetConvLineByLine() {
    let h = SessionHarness()
    h.run("input 28x28x1\nconv 6 5 pad=2 tanh")
    #expect(
      h.run("explain 1") == """
        row 1: conv 6 5 pad=2 tanh, 28x28x1 -> 28x28x6
        output size: ⌊(28 − 5 + 2·2)/1⌋ + 1 = 28   (Keras same would give ⌈28/1⌉ = 28)
        params: 6 × (5·5·1) + 6 = 156
        init glorot: weight ~ U(±a), a = √(6/(fanIn+fanOut)) = √(6/(25+150)) = 0.185
        MACs: 28·28·6 · (5·5·1) = 117,600
        RF: 1 + (5 − 1)·1 = 5, jump 1·1 = 1 (5x5)
        as depthwise-separable (D_K=5, M=1, N=6, D_F²=28·28):
          D_K²·M·D_F² + M·N·D_F² = 25·1·784 + 1·6·784 = 24,304 MACs
          vs D_K²·M·N·D_F² = 117,600; ratio 1/N + 1/D_K² = 1/6 + 1/25 = 0.207

        """)
  }

  /// A 1x1 conv is explained as a dense layer over channels at every pixel; the depthwise-
  /// separable comparison (ratio 1/N + 1, worse than the conv) is left out.
  @Test func oneByOneConvIsADenseLayerPerPixel() {
    let h = SessionHarness()
    h.run("input 7x7x32\nconv 16 1 relu\nconv 8 1 stride=2 bias=no\nconv 4 3")
    #expect(h.errorLines.isEmpty)
    #expect(
      h.run("explain 1") == """
        row 1: conv 16 1 relu, 7x7x32 -> 7x7x16
        output size: ⌊(7 − 1 + 2·0)/1⌋ + 1 = 7   (Keras same would give ⌈7/1⌉ = 7)
        params: 16 × (1·1·32) + 16 = 528
        init glorot: weight ~ U(±a), a = √(6/(fanIn+fanOut)) = √(6/(32+16)) = 0.354
        MACs: 7·7·16 · (1·1·32) = 25,088
        RF: 1 + (1 − 1)·1 = 1, jump 1·1 = 1 (1x1)
        1x1 conv = dense 32 -> 16 at every pixel: it mixes channels, not neighbours
          out[:, y, x] = W · in[:, y, x] + b, the same W (16x32) at every position
          no window to split: as depthwise-separable it would cost more, not less

        """)
    let strided = h.run("explain 2")
    #expect(!strided.contains("separable ("))
    #expect(!strided.contains("ratio"))
    #expect(strided.contains("\n  out[:, y, x] = W · in[:, y, x], the same W (8x16) at every position\n"))
    #expect(strided.split(separator: "\n").allSatisfy { $0.count <= 80 })
    // A 3x3 conv keeps its separable comparison.
    #expect(h.run("explain 3").contains("ratio 1/N + 1/D_K² = 1/4 + 1/9 = 0.361"))
  }

  /// The depthwise-separable comparison is offered only when it saves: a single filter
  /// (ratio 1 + 1/D_K² > 1) gets a note instead, and every comparison printed has a ratio
  /// below 1.
  @Test func separableComparisonOnlyWhenItSaves() throws {
    let h = SessionHarness()
    h.run("input 9x9x3\nconv 1 3\nconv 1 5 pad=same\nconv 2 3\nconv 8 3 pad=1")
    #expect(h.errorLines.isEmpty)
    for row in 1...4 {
      let out = h.run("explain \(row)")
      let lines = out.split(separator: "\n").map(String.init)
      #expect(lines.allSatisfy { $0.count <= 78 }, "\(out)")
      let filters = h.session.model.shapes[row].channels
      if filters == 1 {
        #expect(!out.contains("D_K²·M·D_F² +"), "\(out)")
        #expect(out.contains("as depthwise-separable it would cost more, not less:"))
        let kernel = row == 1 ? 3 : 5
        let ratio = String(format: "%.3f", 1 + 1 / Double(kernel * kernel))
        #expect(out.contains("  ratio 1/N + 1/D_K² = 1/1 + 1/\(kernel * kernel) = \(ratio) ≥ 1"))
      } else {
        #expect(out.contains("D_K²·M·D_F² +"), "\(out)")
        let line = try #require(lines.first { $0.contains("ratio 1/N + 1/D_K²") })
        let ratio = try #require(Double(line.split(separator: " ").last ?? ""))
        #expect(ratio < 1, "\(line)")
      }
    }
  }

  /// One `init` line per kernel, with the layer's own initialiser and Keras' fans.
  @Test func initLinesShowEachKernelsLimit() {
    let h = SessionHarness()
    h.run("input 13x13x32\nsepconv 64 3 init=he relu\nflatten\ndense 10 init=lecun")
    #expect(h.errorLines.isEmpty)
    let sepconv = h.run("explain 1").split(separator: "\n").filter { $0.hasPrefix("init") }
    #expect(
      sepconv == [
        "init he: depthwise.weight ~ U(±a), a = √(6/fanIn) = √(6/288) = 0.144",
        "init he: pointwise.weight ~ U(±a), a = √(6/fanIn) = √(6/32) = 0.433",
      ])
    let dense = h.run("explain 3").split(separator: "\n").filter { $0.hasPrefix("init") }
    #expect(dense == ["init lecun: weight ~ U(±a), a = √(3/fanIn) = √(3/7744) = 0.0197"])
    #expect(!h.run("explain 2").contains("init"))
  }

  @Test func refusesBadRowsAndEmptyModels() {
    let h = SessionHarness()
    h.run("explain 1")
    #expect(h.errorLines.first?.hasPrefix("error: explain: the model has no layers") == true)
    h.run("input 8x8x1\nconv 2 3")
    h.run("explain 2")
    #expect(h.errorLines == ["error: explain: there is no row 2; pick a row from 1 to 1"])
  }
}
