import Core
import Testing

/// `y = a·x` element-wise with one trainable scalar `a`, whose backward is wrong on purpose:
/// it forgets `a` in dx and doubles da.
final class BrokenScale: Layer {
  let scale = Parameter(name: "scale", dimensions: [1], value: [1.7])
  var lastInput: Tensor?
  var spec: LayerSpec { .activation(.relu) }
  func outputShape(for input: Shape) throws(ShapeError) -> Shape { input }
  var parameters: [Parameter] { [scale] }
  func parameterCount(for input: Shape) -> Int { 1 }
  func macs(for input: Shape) -> Int { input.count }
  var window: SpatialWindow { .pointwise }
  var drawnKernel: DrawnKernel? { nil }
  func arithmetic(input: Shape, output: Shape) -> LayerArithmetic { .none }
  var isRandomWhenTraining: Bool { false }
  func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {}
  func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    lastInput = input
    return Tensor(
      batch: input.batch, shape: input.shape, storage: input.storage.map { $0 * scale.value[0] })
  }
  func backward(_ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool)
    -> Tensor
  {
    let x = lastInput?.storage ?? []
    var total: Float = 0
    for i in 0..<x.count { total += x[i] * outputGradient.storage[i] }
    scale.gradient = [2 * total]
    return outputGradient
  }
}

@Suite struct GradientCheckerTests {
  @Test(arguments: Preset.names)
  func passesOnEveryPresetAndLeavesItsWeightsAlone(_ name: String) throws {
    let model = Sequential(seed: 11)
    try #require(Preset.named(name)).apply(to: model)
    let before = model.parameters.map(\.value)
    let reports = try GradientChecker(batch: 1).check(model: model)
    // Rows with weights, and merges (their inputs' gradients are the entries).
    let checkedRows = model.layers.filter {
      $0.parameters.contains(where: \.isTrainable) || $0 is any MergingLayer
    }.count
    #expect(reports.count == checkedRows)
    for report in reports {
      #expect(report.passed, "row \(report.row) \(report.layer): \(report.worstError)")
      #expect(!report.parameters.isEmpty && report.input.checked > 0)
    }
    #expect(model.parameters.map(\.value) == before)
  }

  @Test func batchNormAndDropoutAreDeterministicAndRestored() throws {
    let model = Sequential(seed: 3)
    try model.setStack(
      input: Shape(height: 6, width: 6, channels: 2),
      specs: [
        .conv(filters: 3, kernel: 3), .batchNorm(), .activation(.tanh), .flatten,
        .dropout(rate: 0.5), .dense(units: 4, activation: .softmax),
      ])
    let before = model.parameters.map(\.value)
    let reports = try GradientChecker(batch: 3).check(model: model)
    #expect(reports.map(\.row) == [1, 2, 6])
    #expect(reports.allSatisfy { $0.passed }, "\(reports.map(\.worstError))")
    #expect(model.parameters.map(\.value) == before)  // running statistics included
    let dropout = try GradientChecker().check(model: model, row: 5)
    #expect(dropout.count == 1 && dropout[0].mode == .inference && dropout[0].passed)
    #expect(dropout[0].parameters.isEmpty)
  }

  @Test func reportsALargeErrorForAWrongBackward() {
    let layer = BrokenScale()
    var random = SeededRandom(seed: 1)
    let shape = Shape(height: 3, width: 3, channels: 1)
    let input = Tensor(batch: 2, shape: shape, storage: (0..<18).map { _ in random.uniform(-1, 1) })
    let report = GradientChecker().check(layer: layer, input: input, mode: .training)
    #expect(!report.passed)
    #expect(report.input.worstError > 0.2)  // dx misses the factor 1.7: error 0.7/2.7
    #expect(report.parameters.map(\.name) == ["scale"])
    #expect(abs(report.parameters[0].worstError - 1.0 / 3) < 1e-3)  // |2n − n|/3n
    #expect(layer.scale.value == [1.7])
  }

  @Test func refusesRowsOutsideTheModel() throws {
    let model = Sequential(seed: 3)
    #expect(throws: InspectionError.emptyModel) { try GradientChecker().check(model: model) }
    try Preset.lenet5.apply(to: model)
    #expect(throws: InspectionError.noSuchRow(row: 9, first: 1, last: 8)) {
      try GradientChecker().check(model: model, row: 9)
    }
  }
}
