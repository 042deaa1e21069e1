import Core
import Testing
import TestSupport

/// A ``LayerProfiler`` given to the trainer times every unit the training passes run (fused
/// groups as one, named by their members) without changing a bit of the training.
@Suite struct LayerProfilerTests {
  static let data = DataSplits(
    name: "lines", train: SyntheticImages.lines(count: 100, seed: 1),
    test: SyntheticImages.lines(count: 20, seed: 2))
  /// 100 images, batch 32: 4 steps per epoch (the last one of 4 images), 8 in 2 epochs.
  static let options = TrainingOptions(
    epochs: 2, batchSize: 32, optimizer: .adam, testLimit: 0, threads: 2, seed: 4)
  static let steps = 8

  /// One row of each kind, a fused conv + maxpool, a data conv and two merges.
  ///
  ///     1 conv 4 3 pad=same relu   ┐ fused: conv+relu+maxpool (reads the data)
  ///     2 maxpool 2                ┘
  ///     3 batchnorm
  ///     4 conv 4 3 pad=same
  ///     5 relu
  ///     6 add 3
  ///     7 dwconv 3 pad=same
  ///     8 concat 6
  ///     9 dropout 0.25, 10 gap, 11 flatten, 12 dense 4 softmax
  static let specs: [LayerSpec] = [
    .conv(filters: 4, kernel: 3, padding: .same, activation: .relu),
    .maxPool(kernel: 2),
    .batchNorm(),
    .conv(filters: 4, kernel: 3, padding: .same),
    .activation(.relu),
    .add(rows: [3]),
    .depthwiseConv(kernel: 3, padding: .same),
    .concat(rows: [6]),
    .dropout(rate: 0.25),
    .globalAvgPool,
    .flatten,
    .dense(units: 4, activation: .softmax),
  ]

  private func train(profiler: LayerProfiler?) throws -> (Sequential, TrainingResult) {
    let model = Sequential(seed: 11)
    try model.setStack(input: Self.data.train.shape, specs: Self.specs)
    let trainer = Trainer()
    trainer.profiler = profiler
    let result = try trainer.run(model: model, data: Self.data, options: Self.options)
    return (model, result)
  }

  @Test func profilingChangesNoBit() throws {
    let (plain, plainResult) = try train(profiler: nil)
    let (profiled, profiledResult) = try train(profiler: LayerProfiler())
    #expect(plainResult.completedSteps == Self.steps)
    let plainLosses = plainResult.history.steps.map(\.loss.bitPattern)
    let profiledLosses = profiledResult.history.steps.map(\.loss.bitPattern)
    #expect(plainLosses == profiledLosses)
    let plainWeights = plain.parameters.map { $0.value.map(\.bitPattern) }
    let profiledWeights = profiled.parameters.map { $0.value.map(\.bitPattern) }
    #expect(plainWeights == profiledWeights)
  }

  @Test func oneEntryPerKindCountedOncePerStep() throws {
    let profiler = LayerProfiler()
    let (model, _) = try train(profiler: profiler)
    let profile = profiler.profile(of: model)
    #expect(profile.steps == Self.steps)
    #expect(profile.images == 2 * Self.data.train.count)
    let names = profile.kinds.map(\.name)
    #expect(
      Set(names) == [
        "conv+relu+maxpool", "batchnorm", "conv", "relu", "add", "dwconv", "concat", "dropout",
        "gap", "flatten", "dense+softmax",
      ])
    #expect(names.count == Set(names).count, "one entry per kind")
    #expect(profile.kinds.first { $0.name == "conv+relu+maxpool" }?.rows == [1, 2])
    for kind in profile.kinds {
      #expect(kind.forward.calls == Self.steps, "\(kind.name)")
      #expect(kind.backward.calls == Self.steps, "\(kind.name)")
      #expect(kind.forward.images == profile.images, "\(kind.name)")
      #expect(kind.forward.seconds >= 0 && kind.backward.seconds >= 0, "\(kind.name)")
    }
    // Slowest first.
    let seconds = profile.kinds.map(\.seconds)
    #expect(seconds == seconds.sorted(by: >))
  }

  @Test func timesFitInsideTheSteps() throws {
    let profiler = LayerProfiler()
    let (model, _) = try train(profiler: profiler)
    let profile = profiler.profile(of: model)
    let forwardUnits = profile.units.reduce(0) { $0 + $1.forward.seconds }
    let backwardUnits = profile.units.reduce(0) { $0 + $1.backward.seconds }
    #expect(profile.stepSeconds > 0)
    #expect(forwardUnits <= profile.seconds(of: .forward))
    #expect(backwardUnits <= profile.seconds(of: .backward))
    #expect(profile.unitSeconds <= profile.stepSeconds)
    let phases = StepPhase.allCases.reduce(0) { $0 + profile.seconds(of: $1) }
    #expect(phases <= profile.stepSeconds)
    for phase in StepPhase.allCases { #expect(profile.seconds(of: phase) > 0, "\(phase)") }
  }

  /// Forward FLOPs are `2 · MACs` of the summary rows the kind covers; the data conv's backward
  /// costs one forward (dL/dW only), another weighted layer's two, a weightless one's one.
  @Test func flopsFollowTheSummary() throws {
    let profiler = LayerProfiler()
    let (model, _) = try train(profiler: profiler)
    let profile = profiler.profile(of: model)
    let rows = model.summary.rows
    for kind in profile.kinds {
      let macs = kind.rows.reduce(0) { $0 + rows[$1].macs }
      #expect(kind.forwardFLOPsPerImage == 2 * macs, "\(kind.name)")
      #expect(kind.forward.flops == Double(2 * macs * profile.images), "\(kind.name)")
    }
    func kind(_ name: String) throws -> ProfiledUnit {
      try #require(profile.kinds.first { $0.name == name })
    }
    let fused = try kind("conv+relu+maxpool")
    #expect(fused.forwardFLOPsPerImage == 2 * 8 * 8 * 4 * 9)
    #expect(fused.backward.flops == fused.forward.flops)
    let conv = try kind("conv")
    #expect(conv.forwardFLOPsPerImage == 2 * 4 * 4 * 4 * 36)
    #expect(conv.backward.flops == 2 * conv.forward.flops)
    #expect(try kind("dense+softmax").forwardFLOPsPerImage == 2 * 8 * 4)
    #expect(try kind("relu").forward.flops == 0)
    #expect(try kind("relu").forward.gflopsPerSecond == nil)
  }

  /// Kinds merge the units of one name (rows together, times and FLOPs summed).
  @Test func kindsMergeUnitsOfOneName() {
    func unit(_ name: String, _ rows: [Int], _ seconds: Double) -> ProfiledUnit {
      ProfiledUnit(
        name: name, rows: rows, forwardFLOPsPerImage: 10,
        forward: PassTiming(calls: 2, seconds: seconds, images: 64, flops: 640),
        backward: PassTiming(calls: 2, seconds: seconds, images: 64, flops: 1280))
    }
    let profile = TrainingProfile(
      units: [unit("conv+relu", [1], 1), unit("flatten", [2], 3), unit("conv+relu", [3], 2.5)],
      steps: 2, images: 64, stepSeconds: 20, phaseSeconds: [.forward: 9, .backward: 9])
    let kinds = profile.kinds
    #expect(kinds.map(\.name) == ["conv+relu", "flatten"])
    #expect(kinds[0].rows == [1, 3])
    #expect(kinds[0].forward == PassTiming(calls: 4, seconds: 3.5, images: 128, flops: 1280))
    #expect(kinds[0].forwardFLOPsPerImage == 20)
    #expect(profile.unitSeconds == 13)
    #expect(profile.passOverheadSeconds == 5)
    #expect(profile.remainderSeconds == 2)
  }
}
