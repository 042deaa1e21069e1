import Core
import Foundation

/// The arithmetic behind one summary row, written out with the row's own numbers (`explain L`).
///
/// Conventions: `H x W x C` in, `H' x W' x N` out, kernel `k`, stride `s`, padding `p` per side,
/// dilation `d` (effective kernel `k_eff = d·(k − 1) + 1`).
///
///     output    conv, pool:  H' = ⌊(H − k_eff + 2p)/s⌋ + 1      (Keras same: H' = ⌈H/s⌉)
///               deconv:      H' = (H − 1)·s − 2p + k
///     params    conv:  N × (k·k·C) + N      dwconv: (C·M) × (k·k) + C·M
///               sepconv: k·k·C + C·N + N    deconv: C·N·k·k + N     dense: n × u + u
///               batchnorm: 4 × C (γ, β trainable; running mean and variance not)
///     MACs      conv:  H'·W'·N·(k·k·C)      dense: n·u    pools and activations: 0
///     RF        r' = r + (k_eff − 1)·j,  j' = j·s   (r, j: size and jump after the row above)
///     init      kernel ~ U(−a, a), a from the layer's ``Initializer`` and Keras' fans
///
/// and, for a conv, its cost as depthwise-separable (MobileNet, Howard et al. 2017):
/// `D_K²·M·D_F² + M·N·D_F²` against `D_K²·M·N·D_F²`, ratio `1/N + 1/D_K²`.
struct LayerExplanation {
  /// The output size, parameter count, MACs and receptive field each as a computed number
  /// (tests compare them with the summary) and the lines that show how.
  var outputShape: Shape
  var parameters: Int
  var macs: Int
  var receptiveField: Int
  var lines: [String]

  /// Explains row `row` (1 ... layers) of `model`.
  init(model: Sequential, row: Int) {
    let layer = model.layers[row - 1]
    let input = model.shapes[row - 1]
    let out = model.shapes[row]
    var field = ReceptiveField.input
    for i in 0..<(row - 1) { field = model.layers[i].receptiveField(after: field, input: model.shapes[i]) }
    let hasBias = layer.parameters.contains { $0.name.hasSuffix("bias") }
    let lines = ["row \(row): \(layer.spec.description), \(input) -> \(out)"]
    var size = "output: \(out) (same as the input)"
    var params = "params: 0 (no weights)"
    var parameters = 0
    var macs = 0
    var macText = "MACs: 0 (no multiply-accumulates counted)"
    var rf = field
    var extra: [String] = []
    var rfText = "RF: unchanged, \(Self.number(field.size))"
    func window(_ k: Int, _ s: Int, _ padding: Padding) -> (Int, Int) {
      let ph = padding.resolve(input: input.height, kernel: k, stride: s)
      let pw = padding.resolve(input: input.width, kernel: k, stride: s)
      var axes: [String] = []
      for (name, n, r) in [("H", input.height, ph), ("W", input.width, pw)] {
        let text: String
        if case .same = padding {
          text = "Keras same: ⌈\(n)/\(s)⌉ = \(r.output) (pads \(r.before) + \(r.after))"
        } else {
          text =
            "⌊(\(n) − \(k) + 2·\(r.before))/\(s)⌋ + 1 = \(r.output)"
            + "   (Keras same would give ⌈\(n)/\(s)⌉ = \((n + s - 1) / s))"
        }
        axes.append(input.height == input.width ? text : "\(name)': " + text)
        if input.height == input.width { break }
      }
      size = "output size: " + axes.joined(separator: "; ")
      let next = field.through(kernel: k, stride: s)
      rf = next
      rfText =
        "RF: \(Self.number(field.size)) + (\(k) − 1)·\(Self.number(field.jump)) = "
        + "\(Self.number(next.size)), jump \(Self.number(field.jump))·\(s) = \(Self.number(next.jump))"
      return (ph.output, pw.output)
    }
    let positions = out.isFlat ? 1 : out.height * out.width
    let area = "\(out.height)·\(out.width)"
    switch layer {
    case let conv as Conv2D:
      let keff = conv.dilation * (conv.kernel - 1) + 1
      _ = window(keff, conv.stride, conv.padding)
      let (k, c, n) = (conv.kernel, input.channels, conv.filters)
      parameters = n * k * k * c + (hasBias ? n : 0)
      params = "params: \(n) × (\(k)·\(k)·\(c))" + (hasBias ? " + \(n)" : "") + " = \(Self.count(parameters))"
      macs = positions * n * k * k * c
      macText = "MACs: \(area)·\(n) · (\(k)·\(k)·\(c)) = \(Self.count(macs))"
      let separable = k * k * c * positions + c * n * positions
      let ratio = 1 / Double(n) + 1 / Double(k * k)
      extra = [
          "as depthwise-separable (D_K=\(k), M=\(c), N=\(n), D_F²=\(area)):",
          "  D_K²·M·D_F² + M·N·D_F² = \(k * k)·\(c)·\(positions) + \(c)·\(n)·\(positions) = "
            + "\(Self.count(separable)) MACs",
          "  vs D_K²·M·N·D_F² = \(Self.count(macs)); ratio 1/N + 1/D_K² = 1/\(n) + 1/\(k * k) = "
            + String(format: "%.3f", ratio),
      ]
    case let conv as DepthwiseConv2D:
      _ = window(conv.kernel, conv.stride, conv.padding)
      let (k, c, m) = (conv.kernel, input.channels, conv.multiplier)
      parameters = c * m * k * k + (hasBias ? c * m : 0)
      params = "params: (\(c)·\(m)) × (\(k)·\(k))" + (hasBias ? " + \(c * m)" : "") + " = \(Self.count(parameters))"
      macs = positions * c * m * k * k
      macText = "MACs: \(area)·(\(c)·\(m)) · (\(k)·\(k)) = \(Self.count(macs))"
    case let conv as SeparableConv2D:
      _ = window(conv.kernel, conv.stride, conv.padding)
      let (k, c, n) = (conv.kernel, input.channels, conv.filters)
      parameters = k * k * c + c * n + n
      params = "params: \(k)·\(k)·\(c) + \(c)·\(n) + \(n) = \(Self.count(parameters))"
      macs = k * k * c * positions + c * n * positions
      macText = "MACs: \(k)·\(k)·\(c)·\(area) + \(c)·\(n)·\(area) = \(Self.count(macs))"
    case let conv as TransposedConv2D:
      let (k, s, p) = (conv.kernel, conv.stride, conv.padding)
      size = "output size: (\(input.height) − 1)·\(s) − 2·\(p) + \(k) = \((input.height - 1) * s - 2 * p + k)"
      if input.width != input.height { size += "; W': (\(input.width) − 1)·\(s) − 2·\(p) + \(k) = \((input.width - 1) * s - 2 * p + k)" }
      let (c, n) = (input.channels, conv.filters)
      parameters = c * n * k * k + n
      params = "params: \(c)·\(n)·\(k)·\(k) + \(n) = \(Self.count(parameters))"
      macs = input.height * input.width * c * k * k * n
      macText = "MACs: \(input.height)·\(input.width)·\(c) · \(k)·\(k)·\(n) = \(Self.count(macs))"
      let reach = (k + s - 1) / s
      rf = ReceptiveField(size: field.size + Double(reach - 1) * field.jump, jump: field.jump / Double(s))
      rfText = "RF: \(Self.number(field.size)) + (⌈\(k)/\(s)⌉ − 1)·\(Self.number(field.jump)) = \(Self.number(rf.size)), jump \(Self.number(field.jump))/\(s) = \(Self.number(rf.jump))"
    case let pool as any WindowedPooling:
      _ = window(pool.kernel, pool.stride, .explicit(pool.padding))
    case is GlobalAvgPool2D:
      size = "output size: one mean per channel, \(input) -> \(out)"
      let side = max(input.height, input.width)
      rf = field.through(kernel: side, stride: side)
      rfText = "RF: the whole map, \(Self.number(field.size)) + (\(side) − 1)·\(Self.number(field.jump)) = \(Self.number(rf.size))"
    case let up as Upsample2D:
      size = "output size: \(input.height)·\(up.factor) = \(out.height)"
      rf = layer.receptiveField(after: field, input: input)
      rfText = "RF: unchanged \(Self.number(rf.size)), jump \(Self.number(field.jump))/\(up.factor) = \(Self.number(rf.jump))"
    case is MaxUnpool2D:
      size = "output size: back to the size before the pool it undoes, \(out)"
      rf = layer.receptiveField(after: field, input: input)
      rfText = "RF: \(Self.number(field.size)) -> \(Self.number(rf.size))"
    case is Flatten:
      size = "output size: \(input.height)·\(input.width)·\(input.channels) = \(out.count)"
    case let dense as Dense:
      let n = input.count
      size = "output size: \(dense.units) units"
      parameters = n * dense.units + dense.units
      params = "params: \(n) × \(dense.units) + \(dense.units) = \(Self.count(parameters))"
      macs = n * dense.units
      macText = "MACs: \(n)·\(dense.units) = \(Self.count(macs))"
    case is BatchNorm:
      parameters = 4 * input.channels
      params = "params: 4 × \(input.channels) = \(parameters) (γ, β learned; running mean, variance kept)"
    default:
      break
    }
    self.outputShape = out
    self.parameters = parameters
    self.macs = macs
    self.receptiveField = rf.pixels
    let initializer = layer.spec.initializer ?? .glorot
    let initial =
      (layer as? any KernelInitialized)?.kernelFans(for: input).map { kernel in
        "init \(initializer.rawValue): \(kernel.parameter) ~ U(±a), a = "
          + initializer.formula(fanIn: kernel.fanIn, fanOut: kernel.fanOut)
      } ?? []
    self.lines =
      lines + [size, params] + initial + [macText, rfText + " (\(rf.pixels)x\(rf.pixels))"] + extra
  }

  /// `1,234` with thousands separators, as the summary prints counts.
  static func count(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
  }

  /// A receptive-field size or jump: whole numbers plainly, fractions with up to 3 digits.
  static func number(_ x: Double) -> String {
    x == x.rounded() ? String(Int(x)) : String(format: "%.3g", x)
  }
}
