import Rendering
import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowFiltersCommandTests {
  @Test func drawsEveryKernelWithItsRange() {
    let h = InspectionSetup.harness()
    let out = h.run("show filters 1")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("row 1 (conv 4 3 relu): 4 filters 3x3, one per input channel"))
    #expect(out.contains("weights from -"))
  }

  /// The event says which pane shows it: kernels go under filters, maps under feature maps.
  @Test func picturesNameTheirPane() {
    let h = InspectionSetup.harness()
    for (line, pane) in [("show filters 1", VisualMode.filters), ("show fmap 1", .featureMaps)] {
      h.run(line)
      let panes = h.presenter.events.compactMap { event -> VisualMode? in
        guard case .picture(_, let pane) = event else { return nil }
        return pane
      }
      #expect(panes == [pane], "\(line)")
    }
  }

  @Test func refusesRowsWithoutKernels() {
    let h = InspectionSetup.harness()
    h.run("show filters 2")
    #expect(
      h.errorLines == [
        "error: show filters: row 2 (`maxpool 2`) has no kernels; pick a conv, dwconv, sepconv or deconv row"
      ])
    h.run("show filters 7")
    #expect(h.errorLines == ["error: show filters: row 7 cannot be used here; pick a row from 1 to 4"])
    let bare = SessionHarness()
    bare.run("show filters 1")
    #expect(bare.errorLines.first?.hasPrefix("error: show filters: the model has no layers") == true)
  }

  @Test func refusedWhileTraining() {
    let h = InspectionSetup.training()
    h.run("show filters 1")
    #expect(h.errorLines.first?.hasPrefix("error: show filters: a training is running") == true)
    InspectionSetup.finish(h)
  }
}

/// `show filters L values`, `ch=`, `in=` and `zoom=`: the numbers and pixels are the weights.
@Suite
struct ShowFilterValuesTests {
  static let model = """
    seed 1
    data bars train=64 test=16 size=16
    input data
    conv 4 3 relu
    conv 3 3
    conv 2 5 bias=no
    conv 2 7
    """

  static func harness() -> SessionHarness {
    let h = SessionHarness()
    h.run(model)
    return h
  }

  /// `w[o, i, y, x]` of the conv at `row` (`[Cout, Cin, k, k]`).
  static func weight(
    _ h: SessionHarness, row: Int, _ o: Int, _ i: Int, _ y: Int, _ x: Int
  ) -> Float {
    let p = h.session.model.layers[row - 1].parameters[0]
    let (cin, k) = (p.dimensions[1], p.dimensions[2])
    return p.value[((o * cin + i) * k + y) * k + x]
  }

  /// The grids a `values` listing printed: caption → rows of numbers, read back from the text.
  static func grids(_ text: String, side k: Int) -> [String: [[Float]]] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var out: [String: [[Float]]] = [:]
    var i = 2  // after the title and the caption legend
    while i < lines.count, !lines[i].hasPrefix("bias"), !lines[i].hasPrefix("showing"),
      !lines[i].isEmpty || i + 1 < lines.count
    {
      if lines[i].isEmpty {
        i += 1
        continue
      }
      let captions = lines[i].split(separator: " ").map(String.init)
      for (n, caption) in captions.enumerated() {
        out[caption] = (1...k).map { r in
          let numbers = lines[i + r].split(separator: " ").compactMap { Float($0) }
          return Array(numbers[(n * k)..<((n + 1) * k)])
        }
      }
      i += k + 1
    }
    return out
  }

  @Test func printedNumbersAreTheWeights() throws {
    let h = Self.harness()
    let out = h.run("show filters 2 values")
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    #expect(out.hasPrefix("row 2 (conv 3 3): 3x3 weights of filters 0-2, input channels 0-3\n"))
    let grids = Self.grids(out, side: 3)
    #expect(Set(grids.keys) == Set((0..<3).flatMap { o in (0..<4).map { "\(o).\($0)" } }))
    for (caption, rows) in grids {
      let parts = caption.split(separator: ".").compactMap { Int($0) }
      for y in 0..<3 {
        for x in 0..<3 {
          let w = Self.weight(h, row: 2, parts[0], parts[1], y, x)
          #expect(abs(rows[y][x] - w) <= 0.0005, "\(caption) (\(y), \(x))")
        }
      }
    }
    #expect(out.contains("\nbias of filters 0-2: 0.000 0.000 0.000\n"))
    #expect(out.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test func channelsAndInputsPickTheGrids() throws {
    let h = Self.harness()
    let out = h.run("show filters 2 values ch=1-2 in=3")
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    #expect(out.hasPrefix("row 2 (conv 3 3): 3x3 weights of filters 1-2, input channel 3\n"))
    let grids = Self.grids(out, side: 3)
    #expect(Set(grids.keys) == ["1.3", "2.3"])
    for o in 1...2 {
      for y in 0..<3 {
        for x in 0..<3 {
          #expect(abs((grids["\(o).3"]?[y][x] ?? 9) - Self.weight(h, row: 2, o, 3, y, x)) <= 0.0005)
        }
      }
    }
    #expect(out.contains("showing input channels 3 of 4; in= picks others"))
    // One input channel: captions are the filter alone; 5x5 grids two to a block.
    let first = h.run("show filters 1 values ch=3")
    #expect(Set(Self.grids(first, side: 3).keys) == ["3"])
    let five = h.run("show filters 3 values")
    // Two 5x5 grids to a band: 2 + 5·7 + 3 + 5·7 = 75 columns.
    #expect(five.contains("\n  0.0" + String(repeating: " ", count: 35) + "0.1\n"))
    #expect(Self.grids(five, side: 5).count == 6)
    #expect(five.split(separator: "\n").allSatisfy { $0.count <= 80 })
    #expect(!five.contains("bias of"))  // bias=no
    let seven = Self.grids(h.run("show filters 4 values in=1"), side: 7)
    #expect(abs((seven["1.1"]?[6][0] ?? 9) - Self.weight(h, row: 4, 1, 1, 6, 0)) <= 0.0005)
  }

  @Test func zoomRepeatsEachWeight() throws {
    let h = Self.harness()
    h.run("show filters 2 in=2 zoom=3")
    #expect(h.errorLines.isEmpty)
    let images = ShowKernelCommandTests.images(h)
    #expect(images.map(\.caption) == ["0.2", "1.2", "2.2"])
    for (o, image) in images.enumerated() {
      #expect(image.width == 9 && image.height == 9)
      for y in 0..<9 {
        for x in 0..<9 {
          #expect(image.values[y * 9 + x] == Self.weight(h, row: 2, o, 2, y / 3, x / 3))
        }
      }
    }
    // Default: 3x3 and 5x5 kernels twice as large, a 7x7 one as it is.
    h.run("show filters 1")
    #expect(ShowKernelCommandTests.images(h).map(\.width) == [6, 6, 6, 6])
    h.run("show filters 3")
    #expect(ShowKernelCommandTests.images(h).first?.width == 10)
    h.run("show filters 4")
    #expect(ShowKernelCommandTests.images(h).first?.width == 7)
    let text = h.run("show filters 1 ch=0-1")
    #expect(text.contains("each weight 2x2 pixels\nshowing filters 0-1 of 4; use ch=2-3\n"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test func refusesChannelsThatAreNotThereAndKernelsTooWide() {
    let h = Self.harness()
    h.run("show filters 1 ch=5")
    #expect(
      h.errorLines == [
        "error: show filters: row 1 has no filter 5 (0 to 3); pick ch= within them"
      ])
    h.run("show filters 2 values in=7")
    #expect(
      h.errorLines == [
        "error: show filters: row 2 has no input channel 7 (0 to 3); pick in= within them"
      ])
    h.run("show filters 1 values zoom=2")
    #expect(h.errorLines.first?.hasPrefix("error: show filters: zoom= is for the drawing") == true)
    h.run("show filters 4 zoom=8 ch=0")
    #expect(h.errorLines.isEmpty)
    let wide = SessionHarness()
    wide.run("input 16x16x1\nconv 2 13\nconv 2 4")
    wide.run("show filters 1 values")
    #expect(
      wide.errorLines == [
        "error: show filters: a row of a 13x13 kernel takes 93 columns as numbers; draw it with "
          + "`show filters 1` (the numbers fit 80 columns up to 11x11)"
      ])
    wide.run("show filters 1 zoom=7")
    #expect(
      wide.errorLines == [
        "error: show filters: zoom=7 draws a 13x13 kernel 91 columns wide; use zoom=6 or less"
      ])
    wide.run("show filters 1 zoom=6")
    #expect(wide.errorLines.isEmpty)
  }

  /// A wide row: the default listing stops at 24 grids (8 inputs, 3 filters), and says how to
  /// see the rest; the bias line wraps at 80 columns.
  @Test func wideRowsAreCutAndSaySo() {
    let h = SessionHarness()
    h.run("input 8x8x16\nconv 40 3")
    let out = h.run("show filters 1 values")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("row 1 (conv 40 3): 3x3 weights of filters 0-2, input channels 0-7\n"))
    #expect(out.contains("showing filters 0-2 of 40; use ch=3-5\n"))
    #expect(out.contains("showing input channels 0-7 of 16; in= picks others\n"))
    let all = h.run("show filters 1 values in=0 ch=0-39")
    #expect(Self.grids(all, side: 3).count == 40)
    #expect(all.split(separator: "\n").allSatisfy { $0.count <= 80 })
    #expect(all.contains("\nbias of filters 0-39: 0.000"))
  }
}
