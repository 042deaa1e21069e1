extension DepthwiseConv2D: LinearMapLayer {
  /// `M[(c·M + m, oy, ox), (c, iy, ix)] = w[c·M + m, 0, ky, kx]` with
  /// `(iy, ix) = (oy·s − pt + ky, ox·s − pl + kx)`: block diagonal, each output channel reads
  /// only its own input channel.
  public func linearMap(for input: Shape) throws(ShapeError) -> LinearMap {
    let g = try geometry(for: input)
    let outputs = input.channels * multiplier
    let output = Shape(height: g.outputHeight, width: g.outputWidth, channels: outputs)
    let dimensions = [outputs, 1, kernel, kernel]
    let (weights, bias) = tiedParameters(dimensions: dimensions)
    var entries: [LinearMap.Entry] = []
    for o in 0..<outputs {
      let c = o / multiplier
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          let row = LinearMap.flatIndex(o, oy, ox, in: output)
          for ky in 0..<kernel {
            let iy = oy * stride - g.padTop + ky
            guard iy >= 0, iy < input.height else { continue }
            for kx in 0..<kernel {
              let ix = ox * stride - g.padLeft + kx
              guard ix >= 0, ix < input.width else { continue }
              entries.append(
                LinearMap.Entry(
                  row: row, column: LinearMap.flatIndex(c, iy, ix, in: input),
                  weight: (o * kernel + ky) * kernel + kx))
            }
          }
        }
      }
    }
    return LinearMap(
      input: input, output: output, weightDimensions: dimensions, weights: weights, bias: bias,
      entries: entries)
  }

  /// `C·M · 1 · taps(H) · taps(W)`: each of the `C·M` output channels reads one input channel
  /// (``LinearMap/windowTaps(outputs:size:kernel:stride:dilation:pad:)``).
  public func nonZeroCount(for input: Shape) throws(ShapeError) -> Int {
    let g = try geometry(for: input)
    let rows = LinearMap.windowTaps(
      outputs: g.outputHeight, size: input.height, kernel: kernel, stride: stride, pad: g.padTop)
    let columns = LinearMap.windowTaps(
      outputs: g.outputWidth, size: input.width, kernel: kernel, stride: stride, pad: g.padLeft)
    return input.channels * multiplier * rows * columns
  }
}
