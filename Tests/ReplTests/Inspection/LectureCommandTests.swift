import Core
import Foundation
import Rendering
import Repl
import ReplTestSupport
import Testing

/// `show conv|matrix|im2col|grad|adversarial|shift|stats`: what they print, checked against
/// the model's own numbers.
@Suite struct LectureCommandTests {
  /// The model's output at `row` for test image `index`, computed here.
  static func rowOutput(_ h: SessionHarness, row: Int, index: Int) throws -> Tensor {
    let data = try #require(h.session.data)
    var batch = Tensor(batch: 1, shape: data.test.shape)
    var labels: [Int] = []
    data.test.gather([index], normalization: data.normalization, into: &batch, labels: &labels)
    return h.session.model.forwardCollecting(batch, context: ComputeContext(mode: .inference))[row]
  }

  /// The first number after `marker` on the (unwrapped) line that contains it.
  static func number(after marker: String, in text: String) -> Float? {
    let joined = text.replacingOccurrences(of: "\n  ", with: " ")  // wrapped lines
    guard let line = joined.split(separator: "\n").first(where: { $0.contains(marker) }),
      let range = line.range(of: marker)
    else { return nil }
    let rest = line[range.upperBound...].drop { $0 == " " }
    return Float(rest.prefix { "-0123456789.e".contains($0) })
  }

  @Test func showConvPrintsTheFeatureMapValue() throws {
    let h = InspectionSetup.harness()
    let out = h.run("show conv 1 at=4,6 ch=2 sample=3")
    #expect(h.errorLines.isEmpty)
    let expected = try Self.rowOutput(h, row: 1, index: 3)[0, 2, 4, 6]
    let printed = try #require(Self.number(after: "cell (4, 6): ", in: out))
    #expect(abs(printed - expected) < 1e-4)
    #expect(out.contains("— the same number"))
    #expect(out.contains("patch × kernel = products"))
    let z = try #require(Self.number(after: "= z ", in: out))
    #expect(abs(max(z, 0) - printed) < 2e-4, "relu(z) is the map's value")
    #expect(out.contains("relu(z) = "))
  }

  @Test func showConvDefaultsToTheStrongestCell() throws {
    let h = InspectionSetup.harness()
    let out = h.run("show conv 1 ch=1")
    let map = try Self.rowOutput(h, row: 1, index: 0)
    let plane = Array(map.storage[100..<200])
    let best = plane.indices.max { abs(plane[$0]) < abs(plane[$1]) }!
    #expect(out.contains("cell (\(best / 10), \(best % 10))"))
  }

  @Test func showMatrixDrawsTiedWeightsAndChecksThem() throws {
    let h = InspectionSetup.harness()
    let out = h.run("show matrix 1 size=5")
    #expect(h.errorLines.isEmpty)
    let lines = out.split(separator: "\n").map(String.init)
    // A valid 3x3 conv on a 5x5 crop: 9 rows of 25 columns, each window one step right.
    #expect(lines.contains("0,0   a b c . . d e f . . g h i . . . . . . . . . . . ."))
    #expect(lines.contains("0,1   . a b c . . d e f . . g h i . . . . . . . . . . ."))
    #expect(lines.contains("2,2   . . . . . . . . . . . . a b c . . d e f . . g h i"))
    #expect(out.contains("this block: 81 of 225 entries non-zero, 9 different weights"))
    #expect(out.contains("M is 36 x 25"))
    #expect(out.contains("on the whole 12x12x1 input: M is 400 x 144"))
    let difference = try #require(Self.number(after: "largest difference ", in: out))
    #expect(difference < 1e-5)
    // The letters name the kernel: `a` is w[0,0,0,0], the layer's first weight.
    let weight = h.session.model.layers[0].parameters[0].value[0]
    let a = try #require(Self.number(after: "a=w[0,0,0,0]=", in: out))
    #expect(abs(a - weight) < 1e-3)
  }

  @Test func showMatrixOfADeconvSaysTranspose() {
    let h = SessionHarness()
    h.run("input 4x4x2\ndeconv 3 2 stride=2")
    let out = h.run("show matrix 1 size=2").replacingOccurrences(of: "\n  ", with: " ")
    #expect(h.errorLines.isEmpty)
    #expect(out.contains("the transpose of the matrix of a conv"))
    #expect(out.contains("random numbers: no data loaded"))
  }

  @Test func showIm2colGivesTheShapesAndTheCheck() throws {
    let h = InspectionSetup.harness()
    let out = h.run("show im2col 1 at=0,0")
    #expect(h.errorLines.isEmpty)
    #expect(out.contains("P, 9 x 100: a row per (channel, ky, kx)"))
    #expect(out.contains("W: 4 x 9"))
    #expect(out.contains("one GEMM of 3,600 multiply-adds"))
    let difference = try #require(Self.number(after: "largest difference ", in: out))
    #expect(difference < 1e-5)
  }

  @Test func showGradRoutesThroughMaxPool() {
    let h = InspectionSetup.harness()
    let out = h.run("show grad 1 sample=2")
    #expect(h.errorLines.isEmpty)
    #expect(out.contains("max-pool (row 2) routes the gradient to the largest cell of each window"))
    #expect(out.contains("every one a window's maximum"))
  }

  @Test func showAdversarialStaysWithinEpsilon() throws {
    let h = InspectionSetup.harness()
    let out = h.run("show adversarial 1 eps=0.05")
    #expect(h.errorLines.isEmpty)
    let largest = try #require(Self.number(after: "none by more than ", in: out))
    #expect(largest <= 0.05)
    #expect(largest > 0)
    #expect(out.contains("before: "))
  }

  /// One picture, image | change | result side by side (the visual pane keeps only the last
  /// picture); PGD names its step count and step size α = 2.5·ε/K.
  @Test(arguments: [1, 5]) func showAdversarialPresentsOnePicture(_ steps: Int) throws {
    let h = InspectionSetup.harness()
    let out = h.run("show adversarial 1 eps=0.2 steps=\(steps)")
    #expect(h.errorLines.isEmpty)
    let pictures = h.presenter.events.compactMap { event -> VisualPicture? in
      guard case .picture(let picture, _) = event else { return nil }
      return picture
    }
    try #require(pictures.count == 1, "\(pictures.map(\.title))")
    guard case .images(let title, let images, let palette) = pictures[0] else {
      Issue.record("not images: \(pictures[0])")
      return
    }
    #expect(images.map(\.caption) == ["image", "change", "result"])
    #expect(palette == .diverging)
    let data = try #require(h.session.data)
    let attack = try AdversarialExample.compute(
      model: h.session.model, data: data.test, normalization: data.normalization, index: 1,
      epsilon: 0.2, steps: steps, threads: h.session.threads)
    #expect(images[0].values == attack.original.storage.map { $0 - 0.5 })
    #expect(images[1].values == attack.perturbation.storage)
    #expect(images[2].values == attack.adversarial.storage.map { $0 - 0.5 })
    if steps == 1 {
      #expect(title.contains("(FGSM)"))
    } else {
      #expect(title.contains("(PGD, 5 steps of α=0.100)"))
      #expect(out.contains("each of the 5 steps moves pixels by +α·sign(∂Loss/∂pixel), α = 0.100"))
    }
  }

  @Test func showShiftComparesTheMaps() throws {
    let h = InspectionSetup.harness()
    let out = h.run("show shift 0 by=1,-2")
    #expect(h.errorLines.isEmpty)
    #expect(out.contains("row 1's maps moved by 1,-2 cells"))
    let difference = try #require(Self.number(after: "largest difference ", in: out))
    #expect(difference < 1e-5)
  }

  @Test func showStatsListsEveryRow() throws {
    let h = InspectionSetup.harness()
    let out = h.run("show stats n=16")
    #expect(h.errorLines.isEmpty)
    #expect(out.contains("16 training images, loss "))
    let text = h.presenter.events.flatMap { event -> [String] in
      if case .text(let lines) = event { lines } else { [] }
    }
    let rows = text.filter { $0.hasPrefix("  ") && $0.dropFirst(2).first?.isNumber == true }
    #expect(rows.count == 5)
    #expect(rows[1].contains("conv 4 3 relu"))
    #expect(rows[0].contains("input"))
    // The picture: a bar per row, 2 cells a decade of mean |grad| from 1e-8, in 40 columns.
    let pictures = h.presenter.events.compactMap { if case .picture(let p, _) = $0 { p } else { nil } }
    #expect(pictures.count == 1)
    guard case .lines(let title, let lines) = pictures.first else {
      Issue.record("show stats draws no lines picture")
      return
    }
    #expect(title == "row statistics of 16 training images")
    let gradients = rows.map { row in Double(row.split(separator: " ").dropLast().last!)! }
    let bars = lines.dropFirst().prefix(5).map { $0.spans.last!.text }
    for (g, bar) in zip(gradients, bars) {
      let cells = Double(bar.filter { $0 == "█" }.count) + (bar.hasSuffix("▌") ? 0.5 : 0)
      let expected = g == 0 ? 0 : max(0, min(16, 2 * (log10(g) + 8)))
      #expect(abs(cells - expected) <= 0.5, "\(g) \(bar)")
    }
    #expect(lines.allSatisfy { $0.fit == .wrap || $0.columns <= 40 })
  }

  /// While a training runs, `show stats` shows the training's own newest measurement and asks
  /// the picture pane to follow the next ones.
  @Test func showStatsWhileTrainingShowsTheTrainingsOwnBatch() throws {
    let h = InspectionSetup.training(statisticsEvery: 1)
    defer { InspectionSetup.finish(h) }
    h.run("resume")
    let deadline = Date().addingTimeInterval(60)  // wait for a state: the first measurement
    while h.session.trainer.latestStatistics == nil, Date() < deadline {
      Thread.sleep(forTimeInterval: 0.01)
    }
    h.run("pause")
    let latest = try #require(h.session.trainer.latestStatistics)
    let step = try #require(latest.step)
    let out = h.run("show stats")
    #expect(h.errorLines.isEmpty)
    #expect(h.presenter.events.contains(.follow(.rowStatistics)))
    #expect(out.contains("row statistics at step \(step) (live while training)"))
    #expect(out.contains("step \(step): 16 images of the training's batch, after the update; loss"))
    #expect(out.contains(String(format: "loss %.4f", Double(latest.loss))))
  }

  /// Before the training's first measurement it says so, and still follows.
  @Test func showStatsBeforeTheFirstMeasurementSaysWhen() throws {
    let h = InspectionSetup.training(statisticsEvery: 1_000_000)
    defer { InspectionSetup.finish(h) }
    let out = h.run("show stats")
    #expect(h.errorLines.isEmpty)
    #expect(out.contains("the training measures its batches every 1000000 steps; none yet"))
    #expect(h.presenter.events.contains(.follow(.rowStatistics)))
  }

  @Test func refusesRowsOfTheWrongKind() {
    let h = InspectionSetup.harness()
    h.run("show conv 2")
    #expect(h.errorLines == [
      "error: show conv: row 2 (`maxpool 2`) is not a conv row; show conv works on a conv row: row 1"
    ])
    h.run("show matrix 4")
    #expect(h.errorLines == [
      "error: show matrix: row 4 (`dense 4 softmax`) is not a conv, dwconv or deconv row; "
        + "show matrix works on a conv, dwconv or deconv row: row 1"
    ])
    h.run("show im2col 3")
    #expect(h.errorLines.first?.contains("is not a conv row") == true)
    h.run("show conv 1 at=10,0")
    #expect(h.errorLines.first?.contains("pick Y from 0 to 9") == true)
  }

  @Test func everyPrintedLineFitsEightyColumns() {
    let h = InspectionSetup.harness()
    let out = h.run(
      """
      show conv 1
      show matrix 1
      show im2col 1
      show grad 1
      show grad 0
      show adversarial 0 steps=5 target=2
      show shift 0 by=2,2
      show stats
      """)
    #expect(h.errorLines.isEmpty)
    for line in out.split(separator: "\n") { #expect(line.count <= 78, "\(line)") }
  }
}
