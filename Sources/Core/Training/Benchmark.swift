import Dispatch

/// Training and inference speed of a preset, measured the way `make bench` compares frameworks.
///
/// Protocol (the same as `bench/torch_side.py`): Adam 1e-3, batch 64, `threads` threads; a
/// warm-up of 5 batches on a throw-away copy of the model; then `epochs` epochs over the
/// training split with no evaluation inside them, training speed = images / median epoch time;
/// test accuracy after the last epoch; inference = the test split in batches of 256, the median
/// of timed passes after one untimed pass (at least 3, and until they add up to 2 s).
///
/// With a `profiler`, the timed epochs (not the warm-up, not inference) are also timed per
/// layer and step phase, and the result carries the ``TrainingProfile``. Profiling reads the
/// clock about twice per row per pass, so it changes the images per second very little and
/// the results not at all.
public struct BenchmarkResult: Sendable {
  public var model: String
  public var trainImagesPerSecond: Double
  public var inferImagesPerSecond: Double
  public var testAccuracy: Float
  public var epochSeconds: [Double]
  /// Where the timed epochs' time went, when `run` was given a profiler.
  public var profile: TrainingProfile?
}

public enum Benchmark {
  /// Inference is timed over passes until they add up to this many seconds (and at least 3).
  static let inferenceSeconds = 2.0

  /// Measures `preset` (its weights drawn from `seed`).
  public static func run(
    preset: Preset, data: DataSplits, epochs: Int = 3, threads: Int = 2, seed: UInt64 = 0,
    profiler: LayerProfiler? = nil
  ) throws -> BenchmarkResult {
    try run(
      name: preset.name,
      model: {
        let model = Sequential(seed: seed)
        try preset.apply(to: model)
        return model
      }, data: data, epochs: epochs, threads: threads, seed: seed, profiler: profiler)
  }

  /// Measures the network `model()` builds (called twice: a throw-away copy for the warm-up,
  /// then the one timed; both must start from the same weights for the run to be repeatable).
  /// With `profiler`, the timed epochs are profiled per layer kind (``BenchmarkResult/profile``).
  public static func run(
    name: String, model makeModel: () throws -> Sequential, data: DataSplits, epochs: Int = 3,
    threads: Int = 2, seed: UInt64 = 0, profiler: LayerProfiler? = nil
  ) throws -> BenchmarkResult {
    var options = TrainingOptions(
      epochs: 1, batchSize: 64, learningRate: 1e-3, optimizer: .adam, testLimit: 0,
      threads: threads, seed: seed)

    let warmUp = try makeModel()
    options.limit = 5 * 64
    try Trainer().run(model: warmUp, data: data, options: options, onEvent: { _ in })

    let model = try makeModel()
    options.limit = nil
    options.epochs = epochs
    var epochSeconds: [Double] = []
    let trainer = Trainer()
    trainer.profiler = profiler
    try trainer.run(
      model: model, data: data, options: options,
      onEvent: { event in
        if case .epochEnd(_, let seconds) = event { epochSeconds.append(seconds) }
      })

    let evaluator = Evaluator(batchSize: 256, threads: threads)
    let result = evaluator.evaluate(
      model: model, data: data.test, normalization: data.normalization, loss: try Trainer.prepare(
        model: model, data: data, options: options))
    var passes: [Double] = []
    var pass = 0
    // At least 3 timed passes and 2 s of them (a fast net's pass over 2,000 images is 0.1 s,
    // short enough for one stall on a shared machine to move a 3-pass median), at most 50.
    while pass < 51 && (passes.count < 3 || passes.reduce(0, +) < Benchmark.inferenceSeconds) {
      let start = DispatchTime.now().uptimeNanoseconds
      _ = evaluator.evaluate(
        model: model, data: data.test, normalization: data.normalization,
        loss: try Trainer.prepare(model: model, data: data, options: options))
      if pass > 0 { passes.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9) }
      pass += 1
    }
    return BenchmarkResult(
      model: name,
      trainImagesPerSecond: Double(data.train.count) / median(epochSeconds),
      inferImagesPerSecond: Double(data.test.count) / median(passes),
      testAccuracy: result.accuracy ?? 0, epochSeconds: epochSeconds,
      profile: profiler?.profile(of: model))
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .infinity }
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
