extension Conv2D: LinearMapLayer {
  /// `M[(f, oy, ox), (c, iy, ix)] = w[f, c, ky, kx]` wherever the window of output `(oy, ox)`
  /// puts kernel cell `(ky, kx)` on input `(iy, ix) = (oy·s − pt + ky·d, ox·s − pl + kx·d)`;
  /// zero elsewhere (padding reads nothing).
  public func linearMap(for input: Shape) throws(ShapeError) -> LinearMap {
    let g = try geometry(for: input)
    let output = Shape(height: g.outputHeight, width: g.outputWidth, channels: filters)
    let dimensions = [filters, input.channels, kernel, kernel]
    let (weights, bias) = tiedParameters(dimensions: dimensions)
    var entries: [LinearMap.Entry] = []
    for f in 0..<filters {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          let row = LinearMap.flatIndex(f, oy, ox, in: output)
          for c in 0..<input.channels {
            for ky in 0..<kernel {
              let iy = oy * stride - g.padTop + ky * dilation
              guard iy >= 0, iy < input.height else { continue }
              for kx in 0..<kernel {
                let ix = ox * stride - g.padLeft + kx * dilation
                guard ix >= 0, ix < input.width else { continue }
                entries.append(
                  LinearMap.Entry(
                    row: row, column: LinearMap.flatIndex(c, iy, ix, in: input),
                    weight: ((f * input.channels + c) * kernel + ky) * kernel + kx))
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

  /// `Cout · Cin · taps(H) · taps(W)`: every filter reads every input channel, and
  /// ``LinearMap/windowTaps(outputs:size:kernel:stride:dilation:pad:)`` counts the taps over
  /// the output's rows (columns) that land inside the input's height (width).
  public func nonZeroCount(for input: Shape) throws(ShapeError) -> Int {
    let g = try geometry(for: input)
    let rows = LinearMap.windowTaps(
      outputs: g.outputHeight, size: input.height, kernel: kernel, stride: stride,
      dilation: dilation, pad: g.padTop)
    let columns = LinearMap.windowTaps(
      outputs: g.outputWidth, size: input.width, kernel: kernel, stride: stride,
      dilation: dilation, pad: g.padLeft)
    return filters * input.channels * rows * columns
  }
}
