import Core

/// Small labelled image sets generated from a seed, for tests that need data without files.
public enum SyntheticImages {
  /// `count` single-channel `size`x`size` images of 4 classes, each a bright line on a noisy
  /// dark background: 0 horizontal, 1 vertical, 2 diagonal (↘), 3 anti-diagonal (↙), at a
  /// random offset. Labels cycle 0, 1, 2, 3 so the classes are balanced.
  public static func lines(count: Int, size: Int = 8, seed: UInt64 = 1) -> ImageSet {
    var random = SeededRandom(seed: seed)
    let shape = Shape(height: size, width: size, channels: 1)
    var pixels = [UInt8](repeating: 0, count: count * shape.count)
    var labels: [UInt8] = []
    for n in 0..<count {
      let label = n % 4
      labels.append(UInt8(label))
      let offset = Int(random.next() % UInt64(size)) - (label >= 2 ? size / 2 : 0)
      for y in 0..<size {
        for x in 0..<size {
          let on: Bool
          switch label {
          case 0: on = y == offset
          case 1: on = x == offset
          case 2: on = x - y == offset
          default: on = x + y == size - 1 + offset
          }
          let value = on ? random.uniform(180, 255) : random.uniform(0, 70)
          pixels[n * shape.count + y * size + x] = UInt8(value)
        }
      }
    }
    return ImageSet(
      shape: shape, pixels: pixels, labels: labels, classNames: ["—", "|", "\\", "/"])
  }
}
