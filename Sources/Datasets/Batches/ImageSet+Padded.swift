import Core

extension ImageSet {
  /// Every image framed by `p` zero pixels on each side (black, in pixel space, before any
  /// normalisation), as LeNet-5 framed 28x28 MNIST digits in 32x32 (`data mnist pad=2`).
  ///
  /// Shape `H x W x C` becomes `(H + 2p) x (W + 2p) x C`; for every image and channel,
  ///
  ///     out[c, y + p, x + p] = in[c, y, x],  0 elsewhere
  ///
  /// (CHW bytes, as stored). Labels and class names are unchanged; `p = 0` returns the set.
  public func padded(by p: Int) -> ImageSet {
    precondition(p >= 0, "padding must not be negative")
    guard p > 0 else { return self }
    let (h, w, channels) = (shape.height, shape.width, shape.channels)
    let out = Shape(height: h + 2 * p, width: w + 2 * p, channels: channels)
    var framed = [UInt8](repeating: 0, count: count * out.count)
    pixels.withUnsafeBufferPointer { source in
      framed.withUnsafeMutableBufferPointer { target in
        for image in 0..<count {
          for c in 0..<channels {
            let from = image * shape.count + c * h * w
            let to = image * out.count + c * out.height * out.width
            for y in 0..<h {
              let row = to + (y + p) * out.width + p
              for x in 0..<w { target[row + x] = source[from + y * w + x] }
            }
          }
        }
      }
    }
    return ImageSet(shape: out, pixels: framed, labels: labels, classNames: classNames)
  }
}
