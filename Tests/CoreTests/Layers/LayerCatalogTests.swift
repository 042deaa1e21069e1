import Core
import TestSupport
import Testing

/// What every layer must get right, asked of every example in ``LayerCatalog``: a new layer is
/// checked here as soon as its kind has examples.
@Suite struct LayerCatalogTests {
  /// The example built as the last row of a model, with that row's input and output shapes.
  static func built(_ example: LayerCatalog.Example, seed: UInt64 = 3) throws
    -> (model: Sequential, layer: any Layer, input: Shape, output: Shape)
  {
    let model = Sequential(seed: seed)
    try model.setStack(input: example.input, specs: example.stack)
    let row = model.layers.count
    return (model, model.layers[row - 1], model.shapes[row - 1], model.shapes[row])
  }

  @Test func everyKindHasAnExampleAndEverySpecItsKind() {
    let kinds = Set(LayerCatalog.all.map(\.spec.kind))
    #expect(kinds == Set(LayerSpec.Kind.allCases))
    for example in LayerCatalog.all {
      #expect(example.spec.makeLayer().spec.description == example.spec.description)
    }
  }

  @Test(arguments: LayerCatalog.all)
  func forwardGivesTheInferredShapeAndBackwardTheInputs(_ example: LayerCatalog.Example) throws {
    let (model, layer, input, output) = try Self.built(example)
    let x = GradientCheck.randomInput(batch: 2, shape: model.inputShape!)
    let activations = model.forwardCollecting(x, context: ComputeContext(mode: .training))
    let y = activations[activations.count - 1]
    #expect(y.shape == output && y.batch == 2, "\(example): \(y.shape) vs \(output)")
    let finite = y.storage.allSatisfy { $0.isFinite }
    #expect(finite, "\(example)")
    let g = layer.backward(
      Tensor(batch: 2, shape: output, storage: [Float](repeating: 0.5, count: 2 * output.count)),
      context: ComputeContext(mode: .training))
    #expect(g.shape == input && g.batch == 2, "\(example)")
  }

  @Test(arguments: LayerCatalog.all)
  func parametersMatchTheirCountsAndTheArithmetic(_ example: LayerCatalog.Example) throws {
    let (_, layer, input, output) = try Self.built(example)
    let stored = layer.parameters.map(\.count).reduce(0, +)
    let trainable = layer.parameters.filter(\.isTrainable).map(\.count).reduce(0, +)
    #expect(stored == layer.parameterCount(for: input), "\(example)")
    #expect(trainable == layer.trainableParameterCount(for: input), "\(example)")
    let arithmetic = layer.arithmetic(input: input, output: output)
    #expect(arithmetic.parameters == stored, "\(example)")
    #expect(arithmetic.macs == layer.macs(for: input), "\(example)")
    #expect((arithmetic.parametersLine != nil) == (stored > 0), "\(example)")
    #expect((arithmetic.macsLine != nil) == (arithmetic.macs > 0), "\(example)")
    for line in [arithmetic.parametersLine, arithmetic.macsLine].compactMap({ $0 }) {
      #expect(line.hasSuffix(grouped(line.hasPrefix("params") ? stored : arithmetic.macs))
        || line.contains("= \(grouped(stored)) "), "\(example): \(line)")
    }
    if let drawn = layer.drawnKernel {
      let weight = try #require(layer.parameters.first { $0.name == drawn.parameter }, "\(example)")
      #expect(weight.dimensions.count == 4 && weight.dimensions[2] == weight.dimensions[3])
    }
  }

  @Test(arguments: LayerCatalog.all)
  func backwardAgreesWithFiniteDifferences(_ example: LayerCatalog.Example) throws {
    let (model, layer, _, _) = try Self.built(example)
    let x = GradientCheck.randomInput(batch: 4, shape: model.inputShape!, seed: 5)
    let activations = model.forwardCollecting(x, context: ComputeContext(mode: .inference))
    let mode: ForwardMode = layer.isRandomWhenTraining ? .inference : .training
    let report = GradientChecker(step: 1e-3).check(
      layer: layer, input: activations[activations.count - 2], mode: mode)
    #expect(report.passed, "\(example): \(report)")
    #expect(report.input.checked >= 32, "\(example): \(report)")
  }

  /// Stacks where fields grow, shrink and move by fractions of a pixel.
  static let deepStacks: [LayerCatalog.Example] = [
    LayerCatalog.Example(
      .separableConv(filters: 5, kernel: 2, stride: 2, activation: .relu),
      after: [.transposedConv(filters: 3, kernel: 4, stride: 3), .avgPool(kernel: 2)],
      on: Shape(height: 9, width: 7, channels: 2)),
    LayerCatalog.Example(
      .conv(filters: 2, kernel: 3, padding: .same),
      after: [.conv(filters: 3, kernel: 3, stride: 2), .upsample(factor: 3)],
      on: Shape(height: 11, width: 10, channels: 1)),
    LayerCatalog.Example(
      .conv(filters: 2, kernel: 3, padding: .same),
      after: [.conv(filters: 2, kernel: 2, stride: 2), .maxPool(kernel: 3, stride: 2, padding: 1),
        .conv(filters: 2, kernel: 3, padding: .same), .maxUnpool(poolRow: 2)],
      on: Shape(height: 13, width: 12, channels: 1)),
  ]

  /// Every input pixel that moves the centre unit lies in the region `show rf` draws (the
  /// layer's ``SpatialWindow``): found by back-propagating a one-hot gradient at that unit.
  @Test(arguments: LayerCatalog.all.filter { example in
    (try? built(example).output.isFlat) == false
  } + Self.deepStacks)
  func theWindowCoversEveryPixelThatMovesAUnit(_ example: LayerCatalog.Example) throws {
    let (model, _, _, output) = try Self.built(example)
    let row = model.layers.count
    let region = try ReceptiveFieldRegion.compute(model: model, row: row)
    let x = GradientCheck.randomInput(batch: 1, shape: model.inputShape!)
    _ = model.forward(x, context: ComputeContext(mode: .inference))
    var oneHot = [Float](repeating: 0, count: output.count)
    let plane = output.height * output.width
    for c in 0..<output.channels { oneHot[c * plane + region.unitY * output.width + region.unitX] = 1 }
    let g = model.backward(
      Tensor(batch: 1, shape: output, storage: oneHot), context: ComputeContext(mode: .inference))
    let input = model.inputShape!
    var touched = 0
    for c in 0..<input.channels {
      for y in 0..<input.height {
        for x in 0..<input.width where g.storage[(c * input.height + y) * input.width + x] != 0 {
          touched += 1
          #expect(
            region.visibleRows.contains(y) && region.visibleColumns.contains(x),
            "\(example): pixel (\(y), \(x)) moves unit (\(region.unitY), \(region.unitX)) but lies outside rows \(region.visibleRows), cols \(region.visibleColumns)")
        }
      }
    }
    #expect(touched > 0, "\(example): no pixel moves the unit")
  }
}
