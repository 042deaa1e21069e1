import Core
import Foundation
import TestSupport
import Testing

/// `show grad` and `show stats`: gradients of the training loss at a row.
@Suite struct RowGradientTests {
  let data = SyntheticImages.lines(count: 12, size: 8)

  func pooled() throws -> Sequential {
    try Sequential.built(
      input: data.shape,
      [
        .conv(filters: 4, kernel: 3, padding: .same, activation: .relu), .maxPool(kernel: 2),
        .flatten, .dense(units: 4, activation: .softmax),
      ], seed: 3
    ) { Float($0) * 0.03 - 0.05 }
  }

  /// Through a max-pool the gradient reaches only the largest cell of each window: checked
  /// window by window against the activations, independently of the tool's own count.
  @Test func maxPoolRoutesTheGradientToTheWindowMaximum() throws {
    let model = try pooled()
    for index in 0..<6 {
      let g = try RowGradient.compute(model: model, data: data, index: index, row: 1)
      let a = g.activation
      var nonZero = 0
      for c in 0..<4 {
        for wy in 0..<4 {
          for wx in 0..<4 {
            let cells = [(0, 0), (0, 1), (1, 0), (1, 1)].map { (2 * wy + $0.0, 2 * wx + $0.1) }
            let top = cells.map { a[0, c, $0.0, $0.1] }.max()!
            var inWindow = 0
            for (y, x) in cells where g.gradient[0, c, y, x] != 0 {
              #expect(a[0, c, y, x] == top, "gradient off the max at \(c),\(y),\(x)")
              inWindow += 1
            }
            #expect(inWindow <= 1)
            nonZero += inWindow
          }
        }
      }
      #expect(nonZero > 0)
      let routing = try #require(g.maxPoolRouting)
      #expect(routing.rows == [2])
      #expect(routing.offMaximum == 0)
      #expect(routing.nonZero == nonZero)
      #expect(routing.cells == 4 * 8 * 8)
    }
  }

  /// The gradient at the input equals central differences of the cross-entropy loss.
  @Test func inputGradientIsTheLossDerivative() throws {
    let model = try Sequential.built(
      input: data.shape,
      [.conv(filters: 3, kernel: 3, activation: .tanh), .avgPool(kernel: 2), .flatten,
       .dense(units: 4, activation: .softmax)], seed: 5
    ) { Float($0) * 0.02 }
    let g = try RowGradient.compute(model: model, data: data, index: 2, row: 0)
    #expect(g.maxPoolRouting == nil)
    var x = Tensor(batch: 1, shape: data.shape)
    var labels: [Int] = []
    data.gather([2], into: &x, labels: &labels)
    func loss(_ t: Tensor) -> Double {
      let p = model.forward(t, context: ComputeContext(mode: .inference)).storage
      return -log(Double(p[labels[0]]))
    }
    #expect(abs(loss(x) - Double(g.loss)) < 1e-5)
    let h: Float = 1e-2
    var worst = 0.0
    for j in stride(from: 0, to: 64, by: 3) {
      var plus = x
      plus.storage[j] += h
      var minus = x
      minus.storage[j] -= h
      let numeric = (loss(plus) - loss(minus)) / (2 * Double(h))
      let analytic = Double(g.gradient.storage[j])
      worst = max(worst, abs(numeric - analytic) / max(abs(numeric) + abs(analytic), 1e-3))
    }
    #expect(worst < 2e-2, "worst relative error \(worst)")
  }

  /// `show stats`: each row's numbers are those of the batch's activations, and each row's
  /// gradient equals a backward pass stopped at that row (a residual model: gradients sum at
  /// the fork).
  @Test func statisticsMatchTheBatch() throws {
    let model = Sequential(seed: 9)
    try model.setStack(
      input: data.shape,
      specs: [
        RowSpec(.conv(filters: 4, kernel: 3, padding: .same, activation: .relu)),
        RowSpec(.conv(filters: 4, kernel: 3, padding: .same)),
        RowSpec(.add(rows: [2, 1])), RowSpec(.activation(.relu)), RowSpec(.flatten),
        RowSpec(.dense(units: 4)),
      ])
    let stats = try RowStatistics.compute(model: model, data: data, count: 10)
    #expect(stats.images == 10)
    #expect(stats.rows.count == 7)
    var batch = Tensor(batch: 10, shape: data.shape)
    var labels: [Int] = []
    data.gather(0..<10, into: &batch, labels: &labels)
    let context = ComputeContext(mode: .inference)
    let outputs = model.forwardCollecting(batch, context: context)
    for r in 0...6 {
      let a = outputs[r].storage
      #expect(stats.rows[r].minimum == a.min())
      #expect(stats.rows[r].maximum == a.max())
      let mean = Float(a.reduce(0.0) { $0 + Double($1) } / Double(a.count))
      #expect(abs(stats.rows[r].mean - mean) < 1e-6)
    }
    // dLoss/dOutput of cross-entropy on logits, then backward to each row separately.
    let gradient = try #require(
      try? LossKind.crossEntropy.makeLoss(for: model, classes: 4))
    var top = Tensor(batch: 10, shape: model.outputShape!)
    _ = gradient.value(outputs: outputs[6], inputs: batch, labels: labels, gradient: &top)
    for r in [0, 1, 2, 3] {
      _ = model.forwardCollecting(batch, context: context)
      let g = model.backward(top, fromRow: 6, downToRow: r, context: context)
      let mean = Float(g.storage.reduce(0.0) { $0 + Double(abs($1)) } / Double(g.count))
      #expect(abs(stats.rows[r].gradientMeanMagnitude - mean) <= 1e-6 * max(1, mean))
      #expect(stats.rows[r].gradientMaxMagnitude == g.storage.map(abs).max())
    }
  }
}
