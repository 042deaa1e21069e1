import Core

extension ImageSet {
  /// The images at `indices`, in that order (indices must be valid: they come from code).
  public func subset(_ indices: some Collection<Int>) -> ImageSet {
    let k = shape.count
    var newPixels = [UInt8](repeating: 0, count: indices.count * k)
    var newLabels = [UInt8]()
    newLabels.reserveCapacity(indices.count)
    pixels.withUnsafeBytes { source in
      newPixels.withUnsafeMutableBytes { target in
        for (row, index) in indices.enumerated() {
          guard let from = source.baseAddress, let to = target.baseAddress else { return }
          (to + row * k).copyMemory(from: from + index * k, byteCount: k)
        }
      }
    }
    for index in indices { newLabels.append(labels[index]) }
    return ImageSet(shape: shape, pixels: newPixels, labels: newLabels, classNames: classNames)
  }

  /// The same images in a random order drawn from `random` (Fisher–Yates).
  public func shuffled(using random: inout SeededRandom) -> ImageSet {
    var order = Array(0..<count)
    order.shuffle(using: &random)
    return subset(order)
  }
}
