import Core

/// The part shared by the synthetic generators: balanced labels, seeded order, two splits.
///
/// The root generator `SeededRandom(seed:)` forks one stream for the training split and one for
/// the test split; within a split, labels are `i mod classCount` shuffled with that stream, and
/// every image draws its parameters and noise from it, in order.
enum SyntheticSet {
  typealias Draw = (
    _ label: Int, _ canvas: Canvas, _ random: inout SeededRandom, _ pixels: inout [UInt8]
  ) -> Void

  static func make(
    name: String, classNames: [String], options: SyntheticOptions, draw: Draw
  ) throws -> DataSplits {
    try options.validate()
    var root = SeededRandom(seed: options.seed)
    var trainRandom = root.fork()
    var testRandom = root.fork()
    let shape = Shape(height: options.size, width: options.size, channels: 1)
    func split(_ count: Int, _ random: inout SeededRandom) -> ImageSet {
      var labels = (0..<count).map { UInt8($0 % classNames.count) }
      labels.shuffle(using: &random)
      var pixels: [UInt8] = []
      pixels.reserveCapacity(count * shape.count)
      let canvas = Canvas(size: options.size)
      for label in labels { draw(Int(label), canvas, &random, &pixels) }
      return ImageSet(shape: shape, pixels: pixels, labels: labels, classNames: classNames)
    }
    let train = split(options.trainCount, &trainRandom)
    let test = split(options.testCount, &testRandom)
    return DataSplits(name: name, train: train, test: test)
  }
}
