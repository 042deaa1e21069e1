import Core
import Datasets
import Testing

/// The inspection tools on a net trained on the synthetic `bars` set: where they look must be
/// the bar. (Core has no Datasets dependency, so these live here.)
@Suite(.serialized) struct InsideTheNetTests {
  /// A small convnet ending in global average pooling, trained on 2,000 bars.
  ///
  /// Three epochs, about half a second in release.
  static let trained: (Sequential, DataSplits)? = train(head: [.globalAvgPool])

  /// The same convnet with a `maxpool 2 → flatten → dense` head (where plain Grad-CAM's
  /// channel-averaged weights are the same for every image and its map was blank).
  static let trainedFlatHead: (Sequential, DataSplits)? = train(head: [.maxPool(kernel: 2), .flatten])

  static func train(head: [LayerSpec]) -> (Sequential, DataSplits)? {
    guard
      let data = try? DataCatalog.load(
        .bars, synthetic: SyntheticOptions(trainCount: 2_000, testCount: 40, seed: 5))
    else { return nil }
    let model = Sequential(seed: 3)
    do {
      try model.setStack(
        input: data.train.shape,
        specs: [
          .conv(filters: 8, kernel: 3, padding: .same, activation: .relu), .maxPool(kernel: 2),
          .conv(filters: 16, kernel: 3, padding: .same, activation: .relu),
        ] + head + [.dense(units: 4, activation: .softmax)])
      try Trainer().run(
        model: model, data: data,
        options: TrainingOptions(epochs: 3, batchSize: 32, testLimit: 0, threads: 2, seed: 1))
    } catch {
      return nil
    }
    return (model, data)
  }

  /// Bar pixels: brighter than the background by far (ink ≥ 60 %, noise 8 %).
  func barMask(_ data: ImageSet, _ index: Int) -> [Bool] {
    let k = data.shape.count
    return data.pixels[(index * k)..<((index + 1) * k)].map { $0 > 110 }
  }

  /// Mean of `heat` over bar pixels and over the rest, summed over several test images.
  func means(_ data: ImageSet, _ heat: (Int) throws -> Grid) rethrows -> (bar: Double, rest: Double)
  {
    var (bar, rest, nBar, nRest) = (0.0, 0.0, 0, 0)
    for index in 0..<12 {
      let mask = barMask(data, index)
      let values = try heat(index).values
      for (j, value) in values.enumerated() {
        if mask[j] {
          bar += Double(value)
          nBar += 1
        } else {
          rest += Double(value)
          nRest += 1
        }
      }
    }
    return (bar / Double(max(nBar, 1)), rest / Double(max(nRest, 1)))
  }

  @Test func theNetLearnedTheBars() throws {
    let (model, data) = try #require(Self.trained)
    let result = try Evaluator().evaluate(model: model, data: data.test)
    #expect((result.accuracy ?? 0) > 0.8)
  }

  /// The patch is black, the bars' background: a grey patch on a black background is itself a
  /// bright blob the net reacts to wherever it lies (bar 0.012 vs rest 0.011 with grey here,
  /// 0.014 vs 0.002 with black).
  @Test func occlusionHurtsMostOnTheBar() throws {
    let (model, data) = try #require(Self.trained)
    let m = try means(data.test) { index in
      try OcclusionMap.compute(
        model: model, data: data.test, index: index, patch: 6, stride: 2, fill: 0
      ).heat
    }
    #expect(m.bar > 0.005 && m.bar > 4 * max(m.rest, 0.0005), "bar \(m.bar), rest \(m.rest)")
  }

  @Test func gradCAMIsHighestOnTheBar() throws {
    let (model, data) = try #require(Self.trained)
    let m = try means(data.test) { index in
      try GradCAM.compute(model: model, data: data.test, index: index).heat
    }
    #expect(m.bar > 2.5 * m.rest, "bar \(m.bar), rest \(m.rest)")
  }

  /// maxpool → flatten → dense: the map is not blank and is highest on the bar, for every one
  /// of the 12 images (measured: bar ≈ 0.3, rest ≈ 0.04 of the maximum).
  @Test func gradCAMAfterMaxpoolFlattenDenseIsOnTheBar() throws {
    let (model, data) = try #require(Self.trainedFlatHead)
    #expect((try Evaluator().evaluate(model: model, data: data.test).accuracy ?? 0) > 0.8)
    for index in 0..<12 {
      let cam = try GradCAM.compute(model: model, data: data.test, index: index)
      #expect(cam.row == 3 && cam.heat.maximum == 1)
      let mask = barMask(data.test, index)
      let bar = zip(cam.heat.values, mask).filter(\.1).map { Double($0.0) }
      let rest = zip(cam.heat.values, mask).filter { !$0.1 }.map { Double($0.0) }
      let barMean = bar.reduce(0, +) / Double(max(bar.count, 1))
      let restMean = rest.reduce(0, +) / Double(max(rest.count, 1))
      #expect(barMean > 3 * restMean, "image \(index): bar \(barMean), rest \(restMean)")
    }
    let m = try means(data.test) { index in
      try GradCAM.compute(model: model, data: data.test, index: index).heat
    }
    #expect(m.bar > 4 * m.rest, "bar \(m.bar), rest \(m.rest)")
  }

  @Test func saliencyIsLargerOnTheBar() throws {
    let (model, data) = try #require(Self.trained)
    let m = try means(data.test) { index in
      try SaliencyMap.compute(model: model, data: data.test, index: index).heat.normalizedToUnit
    }
    #expect(m.bar > 1.5 * m.rest, "bar \(m.bar), rest \(m.rest)")
  }
}
