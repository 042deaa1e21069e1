/// A labelled set of images as Core trains on them.
///
/// Pixels stay bytes (`0…255`, CHW per image) so 24,000 MNIST images cost 19 MB, not 75; they
/// become Float32 `x/255`, then `(x − mean)/std`, only when a batch is gathered. Datasets
/// (IDX, CIFAR-10, synthetic sets, folders) all produce this one type.
public struct ImageSet: Sendable {
  /// Shape of one image (`28x28x1`, `32x32x3`).
  public var shape: Shape
  /// `count · shape.count` bytes, image after image, each in CHW order.
  public var pixels: [UInt8]
  /// One class index per image, `0 ..< classNames.count`.
  public var labels: [UInt8]
  /// Names of the classes (`0`…`9` for MNIST, `airplane`… for CIFAR-10).
  public var classNames: [String]

  public init(shape: Shape, pixels: [UInt8], labels: [UInt8], classNames: [String]) {
    precondition(pixels.count == labels.count * shape.count, "pixels do not match labels × shape")
    self.shape = shape
    self.pixels = pixels
    self.labels = labels
    self.classNames = classNames
  }

  public var count: Int { labels.count }

  /// How many images of each class.
  public var classCounts: [Int] {
    var counts = [Int](repeating: 0, count: classNames.count)
    for label in labels where Int(label) < counts.count { counts[Int(label)] += 1 }
    return counts
  }

  /// The first `n` images (or all of them).
  public func prefix(_ n: Int) -> ImageSet {
    let k = min(n, count)
    return ImageSet(
      shape: shape, pixels: Array(pixels[0..<(k * shape.count)]), labels: Array(labels[0..<k]),
      classNames: classNames)
  }

  /// Gathers the images at `indices` into `batch` (resized as needed; storage reused when it
  /// already has the right size) as `(x/255 − mean)/std`, and their labels into `labels`.
  public func gather(
    _ indices: some Collection<Int>, normalization: Normalization = .unit,
    into batch: inout Tensor, labels batchLabels: inout [Int]
  ) {
    let k = shape.count
    if batch.batch != indices.count || batch.shape != shape {
      batch = Tensor(batch: indices.count, shape: shape)
    }
    batchLabels.removeAll(keepingCapacity: true)
    let scale = 1 / (255 * normalization.std)
    let offset = -normalization.mean / normalization.std
    pixels.withUnsafeBufferPointer { source in
      batch.storage.withUnsafeMutableBufferPointer { target in
        for (row, index) in indices.enumerated() {
          let from = index * k
          let to = row * k
          for i in 0..<k { target[to + i] = Float(source[from + i]) * scale + offset }
        }
      }
    }
    for index in indices { batchLabels.append(Int(labels[index])) }
  }
}

/// Input normalisation applied when batches are gathered: `(x/255 − mean)/std`.
public struct Normalization: Hashable, Sendable {
  public var mean: Float
  public var std: Float

  public init(mean: Float, std: Float) {
    self.mean = mean
    self.std = std
  }

  /// Pixels scaled to [0, 1], nothing else (the default, as the Keras MNIST example does).
  public static let unit = Normalization(mean: 0, std: 1)
}

/// A data set as the session holds it: a training split, a test split and its name.
public struct DataSplits: Sendable {
  public var name: String
  public var train: ImageSet
  public var test: ImageSet
  public var normalization: Normalization
  /// Zero pixels framing every image on each side (`data mnist pad=2`), 0 for none; the
  /// splits' shapes already include them.
  public var padding: Int

  public init(
    name: String, train: ImageSet, test: ImageSet, normalization: Normalization = .unit,
    padding: Int = 0
  ) {
    self.name = name
    self.train = train
    self.test = test
    self.normalization = normalization
    self.padding = padding
  }
}
