/// Resizes a ``DecodedImage`` by area averaging and converts it to gray or RGB bytes.
///
/// Area averaging (a box filter with fractional overlaps, OpenCV's `INTER_AREA` when shrinking):
/// output pixel `(y, x)` of an `H×W` result from an `h×w` source is the mean of the source over
/// the rectangle `[y·h/H, (y+1)·h/H) × [x·w/W, (x+1)·w/W)`, each source pixel weighted by the
/// area it shares with that rectangle. Shrinking by a whole factor `k` is the plain mean of
/// `k×k` blocks; enlarging repeats pixels, blending the two neighbours where a border falls
/// inside one. It is separable: rows first, then columns.
///
/// Gray from RGB is ITU-R BT.601 luma, `0.299·R + 0.587·G + 0.114·B` (what PIL's `convert("L")`
/// does); RGB from gray repeats the value. Results are rounded to the nearest byte.
public enum ImageResizer {
  /// Weights of the source indices that cover output index `i` when `source` becomes `target`.
  static func areaWeights(source: Int, target: Int) -> [[(index: Int, weight: Float)]] {
    let scale = Double(source) / Double(target)
    return (0..<target).map { i in
      let start = Double(i) * scale
      let end = Double(i + 1) * scale
      var taps: [(index: Int, weight: Float)] = []
      var j = Int(start.rounded(.down))
      while Double(j) < end, j < source {
        let overlap = min(end, Double(j + 1)) - max(start, Double(j))
        if overlap > 1e-9 { taps.append((j, Float(overlap / scale))) }
        j += 1
      }
      return taps
    }
  }

  /// `image` resized to `height × width`, still HWC with its own channels, `0…255` floats.
  public static func resized(_ image: DecodedImage, height: Int, width: Int) -> DecodedImage {
    if image.height == height, image.width == width { return image }
    let c = image.channels
    let columns = areaWeights(source: image.width, target: width)
    let rows = areaWeights(source: image.height, target: height)
    // Rows first: h × width × c.
    var wide = [Float](repeating: 0, count: image.height * width * c)
    image.samples.withUnsafeBufferPointer { source in
      wide.withUnsafeMutableBufferPointer { target in
        for y in 0..<image.height {
          for (x, taps) in columns.enumerated() {
            for channel in 0..<c {
              var sum: Float = 0
              for tap in taps {
                sum += tap.weight * source[(y * image.width + tap.index) * c + channel]
              }
              target[(y * width + x) * c + channel] = sum
            }
          }
        }
      }
    }
    var out = [Float](repeating: 0, count: height * width * c)
    wide.withUnsafeBufferPointer { source in
      out.withUnsafeMutableBufferPointer { target in
        for (y, taps) in rows.enumerated() {
          for i in 0..<(width * c) {
            var sum: Float = 0
            for tap in taps { sum += tap.weight * source[tap.index * width * c + i] }
            target[y * width * c + i] = sum
          }
        }
      }
    }
    return DecodedImage(width: width, height: height, channels: c, samples: out)
  }

  /// `image` (already at its final size) as `channels` (1 or 3) bytes in CHW order, the
  /// layout ``Core/ImageSet`` keeps.
  public static func bytes(_ image: DecodedImage, channels: Int) -> [UInt8] {
    let plane = image.width * image.height
    var out = [UInt8](repeating: 0, count: plane * channels)
    func byte(_ value: Float) -> UInt8 { UInt8(max(0, min(255, value.rounded()))) }
    let s = image.samples
    for p in 0..<plane {
      switch (image.channels, channels) {
      case (1, 1): out[p] = byte(s[p])
      case (1, _):
        for k in 0..<channels { out[k * plane + p] = byte(s[p]) }
      case (_, 1):
        out[p] = byte(0.299 * s[p * 3] + 0.587 * s[p * 3 + 1] + 0.114 * s[p * 3 + 2])
      default:
        for k in 0..<channels { out[k * plane + p] = byte(s[p * image.channels + k]) }
      }
    }
    return out
  }
}
