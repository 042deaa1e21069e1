import Core
import Foundation

/// The arithmetic behind one summary row, written out with the row's own numbers (`explain L`).
///
/// Conventions: `H x W x C` in, `H' x W' x N` out, kernel `k`, stride `s`, padding `p` per side,
/// dilation `d` (effective kernel `k_eff = d·(k − 1) + 1`).
///
/// The per-layer numbers come from each layer's ``Layer/arithmetic(input:output:)``; the window
/// lines from its ``Layer/window``:
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

  /// Explains row `row` (1 ... layers) of `model`: the output size and receptive field from
  /// the layer's ``SpatialWindow``, its parameters and MACs from its own
  /// ``Layer/arithmetic(input:output:)``.
  init(model: Sequential, row: Int) {
    let layer = model.layers[row - 1]
    let input = model.mainInputShape(ofRow: row)
    let out = model.shapes[row]
    let reads = model.inputRows(ofRow: row)
    let field = model.receivedField(ofRow: row).field
    let inputs =
      reads == [row - 1]
      ? "\(input)" : reads.map { "\(model.shapes[$0]) (row \($0))" }.joined(separator: ", ")
    let arithmetic =
      (layer as? any MergingLayer)?.arithmetic(
        inputs: reads.map { model.shapes[$0] }, rows: reads, output: out)
      ?? layer.arithmetic(input: input, output: out)
    let (windowSize, rfText) = Self.windowLines(layer.window, input: input, output: out, field: field)
    let rf = layer.receptiveField(after: field, input: input)
    self.outputShape = out
    self.parameters = arithmetic.parameters
    self.macs = arithmetic.macs
    self.receptiveField = rf.pixels
    let initializer = layer.spec.initializer ?? .glorot
    let initial =
      (layer as? any KernelInitialized)?.kernelFans(for: input).map { kernel in
        "init \(initializer.rawValue): \(kernel.parameter) ~ U(±a), a = "
          + initializer.formula(fanIn: kernel.fanIn, fanOut: kernel.fanOut)
      } ?? []
    self.lines =
      ["row \(row): \(model.specs[row - 1]), \(inputs) -> \(out)",
       arithmetic.outputSizeLine ?? windowSize,
       arithmetic.parametersLine ?? "params: 0 (no weights)"]
      + initial
      + [arithmetic.macsLine ?? "MACs: 0 (no multiply-accumulates counted)",
         rfText + " (\(rf.pixels)x\(rf.pixels))"]
      + arithmetic.notes
  }

  /// The output-size and receptive-field lines a window gives, with `field` the receptive
  /// field the row receives.
  private static func windowLines(
    _ window: SpatialWindow, input: Shape, output out: Shape, field: ReceptiveField
  ) -> (size: String, receptiveField: String) {
    let rf = window.receptiveField(after: field, input: input)
    switch window {
    case .pointwise:
      return ("output: \(out) (same as the input)", "RF: unchanged, \(number(field.size))")
    case let .sliding(k, s, padding):
      var axes: [String] = []
      for (name, n) in [("H", input.height), ("W", input.width)] {
        let r = padding.resolve(input: n, kernel: k, stride: s)
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
      return (
        "output size: " + axes.joined(separator: "; "),
        "RF: \(number(field.size)) + (\(k) − 1)·\(number(field.jump)) = "
          + "\(number(rf.size)), jump \(number(field.jump))·\(s) = \(number(rf.jump))"
      )
    case let .spreading(k, s, p):
      var size = "output size: (\(input.height) − 1)·\(s) − 2·\(p) + \(k) = \((input.height - 1) * s - 2 * p + k)"
      if input.width != input.height {
        size += "; W': (\(input.width) − 1)·\(s) − 2·\(p) + \(k) = \((input.width - 1) * s - 2 * p + k)"
      }
      return (
        size,
        "RF: \(number(field.size)) + (⌈\(k)/\(s)⌉ − 1)·\(number(field.jump)) = \(number(rf.size)), "
          + "jump \(number(field.jump))/\(s) = \(number(rf.jump))"
      )
    case .unpooling:
      return (
        "output size: back to the size before the pool it undoes, \(out)",
        "RF: \(number(field.size)) -> \(number(rf.size))"
      )
    case .repeating(let factor):
      return (
        "output size: \(input.height)·\(factor) = \(out.height)",
        "RF: unchanged \(number(rf.size)), jump \(number(field.jump))/\(factor) = \(number(rf.jump))"
      )
    case .wholeMap:
      let side = max(input.height, input.width)
      return (
        "output size: one value per channel, \(input) -> \(out)",
        "RF: the whole map, \(number(field.size)) + (\(side) − 1)·\(number(field.jump)) = \(number(rf.size))"
      )
    }
  }

  /// A receptive-field size or jump: whole numbers plainly, fractions with up to 3 digits.
  static func number(_ x: Double) -> String {
    x == x.rounded() ? String(Int(x)) : String(format: "%.3g", x)
  }
}
