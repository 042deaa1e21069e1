/// The learned kernels of a convolution row as pictures (`show filters L`).
///
/// `kernels[o][i]` is a `k x k` grid for output channel `o`:
/// - ``View/perInputChannel``: one grid per input channel `i` (the default when the row's
///   input has at most 3 channels: grey or RGB planes a person can read, as the first layer);
/// - ``View/meanOverInputs``: one grid per output, the kernel averaged over input channels,
///   `m[o, y, x] = (1/Cin) Σ_i w[o, i, y, x]` (the default for deeper rows). The mean keeps the
///   sign, so the picture still says "bright here, dark there", which an L2 norm would lose;
///   channels that cancel out show as flat, which the `range` makes visible.
///
/// Weights per layer: `conv` `[Cout, Cin, k, k]`; `dwconv` `[Cin·M, 1, k, k]` (one input each);
/// `sepconv` its depthwise step `[Cin, 1, k, k]` (the pointwise step is 1x1, nothing spatial);
/// `deconv` `[Cin, Cout, k, k]`, shown per output channel `o` as `w[i, o]`.
/// `range` is symmetric, `−m ... m` with `m` the largest |weight| shown, for a diverging palette.
/// `biases[o]` is output channel `o`'s bias, when the kernel has one beside it (the parameter
/// named like the weight with `bias`: conv, dwconv and deconv; not sepconv's depthwise step).
public struct Filters: Sendable {
  /// How the input channels of one output are shown.
  public enum View: Sendable, Equatable {
    case perInputChannel
    case meanOverInputs
  }

  public let row: Int
  public let layer: String
  public let view: View
  /// `kernels[output][input]` (one input entry in the mean view or for depthwise rows).
  public let kernels: [[Grid]]
  /// `−m ... m`, `m` the largest absolute weight among `kernels`.
  public let range: ClosedRange<Float>
  /// One bias per output channel, or nil (`bias=no`, sepconv's depthwise step).
  public let biases: [Float]?

  /// The kernels of row `row`; `view` nil picks by the row's input channels (≤ 3: per input).
  public static func compute(model: Sequential, row: Int, view: View? = nil) throws(InspectionError)
    -> Filters
  {
    try TestImage.checkRow(row, in: model, first: 1)
    let layer = model.layers[row - 1]
    let name = layer.spec.description
    // weight[o][i] as flat k·k arrays.
    var perPair: [[[Float]]] = []
    var k = 0
    func planes(_ p: Parameter, outputsFirst: Bool) {
      let (a, b) = (p.dimensions[0], p.dimensions[1])
      k = p.dimensions[2]
      let area = k * k
      let (outs, ins) = outputsFirst ? (a, b) : (b, a)
      perPair = (0..<outs).map { o in
        (0..<ins).map { i in
          let start = (outputsFirst ? o * b + i : i * b + o) * area
          return Array(p.value[start..<(start + area)])
        }
      }
    }
    guard let drawn = layer.drawnKernel,
      let weight = layer.parameters.first(where: { $0.name == drawn.parameter })
    else { throw .notConvolutional(row: row, layer: name) }
    planes(weight, outputsFirst: drawn.outputsFirst)
    let chosen = view ?? (model.mainInputShape(ofRow: row).channels <= 3 ? .perInputChannel : .meanOverInputs)
    let kernels: [[Grid]] = perPair.map { inputs in
      if chosen == .perInputChannel || inputs.count == 1 {
        return inputs.map { Grid(height: k, width: k, values: $0) }
      }
      var mean = [Float](repeating: 0, count: k * k)
      for plane in inputs { for j in 0..<mean.count { mean[j] += plane[j] } }
      let scale = 1 / Float(inputs.count)
      return [Grid(height: k, width: k, values: mean.map { $0 * scale })]
    }
    let m = kernels.joined().map(\.maximumMagnitude).max() ?? 0
    let bias = layer.parameters.first { p in
      drawn.parameter.hasSuffix("weight") && p.count == kernels.count
        && p.name == drawn.parameter.dropLast("weight".count) + "bias"
    }
    return Filters(
      row: row, layer: name, view: chosen, kernels: kernels, range: -m...m, biases: bias?.value)
  }
}
