extension TransposedConv2D: LinearMapLayer {
  /// Every input pixel stamps its kernel onto the output:
  /// `M[(o, iy·s − P + ky, ix·s − P + kx), (c, iy, ix)] = w[c, o, ky, kx]` (cropped to the
  /// output). This is the transpose of the matrix of a `k x k`, stride-`s`, pad-`P` conv from
  /// the output's shape back to the input's, with the same kernel read as `[o, c, ky, kx]`.
  public func linearMap(for input: Shape) throws(ShapeError) -> LinearMap {
    let output = try outputShape(for: input)
    let dimensions = [input.channels, filters, kernel, kernel]
    let (weights, bias) = tiedParameters(dimensions: dimensions)
    var entries: [LinearMap.Entry] = []
    for c in 0..<input.channels {
      for iy in 0..<input.height {
        for ix in 0..<input.width {
          let column = LinearMap.flatIndex(c, iy, ix, in: input)
          for o in 0..<filters {
            for ky in 0..<kernel {
              let oy = iy * stride - padding + ky
              guard oy >= 0, oy < output.height else { continue }
              for kx in 0..<kernel {
                let ox = ix * stride - padding + kx
                guard ox >= 0, ox < output.width else { continue }
                entries.append(
                  LinearMap.Entry(
                    row: LinearMap.flatIndex(o, oy, ox, in: output), column: column,
                    weight: ((c * filters + o) * kernel + ky) * kernel + kx))
              }
            }
          }
        }
      }
    }
    return LinearMap(
      input: input, output: output, weightDimensions: dimensions, weights: weights, bias: bias,
      entries: entries)
  }

  /// `Cin · Cout · taps(H) · taps(W)`, where each of the input's `H` rows (`W` columns) stamps
  /// the kernel taps whose output row `iy·s − P + ky` lies inside the output
  /// (``LinearMap/windowTaps(outputs:size:kernel:stride:dilation:pad:)`` with input and output
  /// swapped: the transposed conv's count).
  public func nonZeroCount(for input: Shape) throws(ShapeError) -> Int {
    let output = try outputShape(for: input)
    let rows = LinearMap.windowTaps(
      outputs: input.height, size: output.height, kernel: kernel, stride: stride, pad: padding)
    let columns = LinearMap.windowTaps(
      outputs: input.width, size: output.width, kernel: kernel, stride: stride, pad: padding)
    return input.channels * filters * rows * columns
  }
}
