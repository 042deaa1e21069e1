/// One output value of a convolution row worked out by hand (`show conv L at=Y,X`): the input
/// patch under the window, the kernel, their products, a sum per input channel, the bias and
/// the activation.
///
///     z = b[f] + Σ_c Σ(ky,kx) w[f,c,ky,kx] · x[c, y·s − pt + ky·d, x·s − pl + kx·d]
///     y[f, y, x] = act(z)
///
/// Patch cells the window puts outside the input (padding) read 0 and are flagged in
/// ``padding``. ``featureMapValue`` is the row's output at that position from a normal forward
/// pass (inference mode), so a student can check the hand sum against it.
///
/// One forward pass through rows `1 ... row` gives everything: the step, the planes of the
/// input the window reads (``inputMaps``, one `H x W` grid per input channel) and the filter's
/// output map (``outputMap``, `H' x W'`), and, with no position given, the strongest cell:
///
///     (y, x) = argmax over (y, x) of |out[filter, y, x]|   (the first such cell, row-major)
public struct ConvolutionStep: Sendable {
  /// The summary row (a `conv` row) and its layer as typed.
  public let row: Int
  public let layer: String
  /// The row it reads.
  public let inputRow: Int
  /// Output channel (filter) and position.
  public let filter: Int
  public let y: Int
  public let x: Int
  public let kernel: Int
  /// Where the window's top-left cell sits on the input (may be negative: padding), and the
  /// distance between its cells (the dilation).
  public let origin: (y: Int, x: Int)
  public let dilation: Int
  /// Per input channel: the patch (`k·k`, row-major), the kernel, their products and the sum.
  public let patches: [[Float]]
  public let padding: [Bool]
  public let kernels: [[Float]]
  public let products: [[Float]]
  public let channelSums: [Float]
  public let bias: Float
  /// `b + Σ channelSums`.
  public let preActivation: Float
  public let activation: Activation?
  /// `act(preActivation)`.
  public let result: Float
  /// The row's output at `(filter, y, x)` from the forward pass.
  public let featureMapValue: Float
  public let label: Int
  /// The row's input as the conv reads it, one `H x W` grid per input channel.
  public let inputMaps: [Grid]
  /// Filter `filter`'s output map on row `row` (`H' x W'`); ``featureMapValue`` is its
  /// `(y, x)` cell.
  public let outputMap: Grid

  /// The step for test image `index` of `data`; `filter` must be a channel of row `row`, which
  /// must be a `conv` row, and `position` (nil: the strongest cell of the filter's map) a cell
  /// of its output.
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int, row: Int,
    filter: Int, at position: (y: Int, x: Int)? = nil, threads: Int = 1
  ) throws(InspectionError) -> ConvolutionStep {
    _ = try PatchConvolutionPass.layer(row, in: model, tool: "show conv")
    let output = model.shapes[row]
    guard (0..<output.channels).contains(filter) else {
      throw .noSuchChannel(channel: filter, channels: output.channels, row: row)
    }
    if let position,
      !(0..<output.height).contains(position.y) || !(0..<output.width).contains(position.x)
    {
      throw .invalidOption(
        name: "at", value: "\(position.y),\(position.x)",
        hint: "row \(row) is \(output.height)x\(output.width): pick Y from 0 to "
          + "\(output.height - 1) and X from 0 to \(output.width - 1)")
    }
    let pass = try PatchConvolutionPass.run(
      model: model, data: data, normalization: normalization, index: index, row: row,
      tool: "show conv", threads: threads)
    let (conv, input, outputs, inputRow, label) = (
      pass.conv, pass.input, pass.outputs, pass.inputRow, pass.label
    )
    let outputMap = Grid(outputs[row], channel: filter)
    let (y, x) = position ?? strongest(in: outputMap)
    let shape = input.shape
    let g: Im2col.Geometry
    do { g = try conv.patchGeometry(for: shape) } catch { throw .emptyModel }
    let k = conv.kernel
    let (weights, biases) = conv.tiedParameters(dimensions: [conv.filters, shape.channels, k, k])
    let origin = (y: y * conv.stride - g.padTop, x: x * conv.stride - g.padLeft)
    var patches: [[Float]] = []
    var padding: [Bool] = []
    var kernels: [[Float]] = []
    var products: [[Float]] = []
    var sums: [Float] = []
    var total = Double(biases?[filter] ?? 0)
    for c in 0..<shape.channels {
      var patch = [Float](repeating: 0, count: k * k)
      var kernel = [Float](repeating: 0, count: k * k)
      var product = [Float](repeating: 0, count: k * k)
      var sum = 0.0
      for ky in 0..<k {
        for kx in 0..<k {
          let (iy, ix) = (origin.y + ky * conv.dilation, origin.x + kx * conv.dilation)
          let inside = (0..<shape.height).contains(iy) && (0..<shape.width).contains(ix)
          if c == 0 { padding.append(!inside) }
          let j = ky * k + kx
          patch[j] = inside ? input[0, c, iy, ix] : 0
          kernel[j] = weights[((filter * shape.channels + c) * k + ky) * k + kx]
          product[j] = patch[j] * kernel[j]
          sum += Double(product[j])
        }
      }
      patches.append(patch)
      kernels.append(kernel)
      products.append(product)
      sums.append(Float(sum))
      total += sum
    }
    let z = Float(total)
    return ConvolutionStep(
      row: row, layer: conv.spec.description, inputRow: inputRow, filter: filter, y: y, x: x,
      kernel: k, origin: origin, dilation: conv.dilation, patches: patches, padding: padding,
      kernels: kernels, products: products, channelSums: sums, bias: biases?[filter] ?? 0,
      preActivation: z, activation: conv.activation,
      result: conv.activation.map { $0.value(at: z) } ?? z,
      featureMapValue: outputs[row][0, filter, y, x], label: label,
      inputMaps: (0..<shape.channels).map { Grid(input, channel: $0) }, outputMap: outputMap)
  }

  /// The first cell (row-major) of `map` with the largest `|value|`.
  static func strongest(in map: Grid) -> (y: Int, x: Int) {
    let values = map.values
    let best = values.indices.max { abs(values[$0]) < abs(values[$1]) } ?? 0
    return (best / map.width, best % map.width)
  }
}

extension Activation {
  /// The activation of one number (softmax of a single value is 1).
  public func value(at z: Float) -> Float {
    var v = [z]
    v.withUnsafeMutableBufferPointer { apply($0, shape: .flat(1), batch: 1) }
    return v[0]
  }
}
