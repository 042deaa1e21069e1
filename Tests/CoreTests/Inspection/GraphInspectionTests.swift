import Core
import Testing

/// The inspection tools on networks with branches: the gradients they follow are summed over
/// every path, and Grad-CAM picks the conv that sees the most of the input.
@Suite struct GraphInspectionTests {
  @Test func gradCAMTakesTheResidualBlocksConvNotItsShortcut() throws {
    let model = Sequential(seed: 1)
    try Preset.resnetMini.apply(to: model)
    let row = try GradCAM.lastConvRow(model)
    #expect(model.specs[row - 1].description == "conv 64 3 pad=same bias=no init=he")
    // The 1x1 shortcut conv comes later but sees less.
    #expect(model.specs[row + 1].description.hasPrefix("conv 64 1 stride=2"))
    #expect(model.receptiveFields[row].size > model.receptiveFields[row + 2].size)
  }

  /// Saliency is d z_k / d input through the whole graph: every entry against a central
  /// difference of the class score (smooth activations, no kinks).
  @Test func saliencyFollowsEveryPathToTheInput() throws {
    let model = Sequential(seed: 2)
    try model.setStack(
      input: Shape(height: 5, width: 4, channels: 2),
      specs: [
        RowSpec(.conv(filters: 2, kernel: 3, padding: .same, activation: .tanh)),  // 1
        RowSpec(.conv(filters: 2, kernel: 3, padding: .same, activation: .tanh)),  // 2
        RowSpec(.add(rows: [1, 0])),  // 3: a row used twice (1 by 2 and 3), the input too
        RowSpec(.concat(rows: [0]), from: 1),  // 4
        RowSpec(.concat(rows: [3])),  // 5
        RowSpec(.flatten),  // 6
        RowSpec(.dense(units: 3)),  // 7
      ])
    var random = SeededRandom(seed: 5)
    let image = Tensor(
      batch: 1, shape: Shape(height: 5, width: 4, channels: 2),
      storage: (0..<40).map { _ in random.uniform(-1, 1) })
    let k = 1
    let map = SaliencyMap.compute(model: model, image: image, classIndex: k)
    let context = ComputeContext(mode: .inference)
    func score(_ x: Tensor) -> Double { Double(model.forward(x, context: context).storage[k]) }
    let h: Float = 1e-2
    var worst = 0.0
    for i in 0..<40 {
      var plus = image
      var minus = image
      plus.storage[i] += h
      minus.storage[i] -= h
      let numeric = (score(plus) - score(minus)) / Double(2 * h)
      worst = max(worst, GradientChecker.relative(Double(map.gradient.storage[i]), numeric))
    }
    #expect(worst < 1e-2, "worst relative error \(worst)")
  }
}
