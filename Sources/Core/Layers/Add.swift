/// Elementwise sum of rows (`add N [M …]`), the join of a residual connection.
///
///     out = x_main + x_N + x_M + …          (all of the same shape HxWxC)
///     dLoss/dx_k = dLoss/dout               (for every input k)
///
/// The gradient reaches every input unchanged, so a residual block `y = x + F(x)` passes
/// dLoss/dy to `x` directly, however small F's own gradient becomes: this is why deep residual
/// networks keep training where a plain stack of the same depth stalls.
///
/// Shapes: every input must have the main input's shape, which is also the output's. No
/// parameters, 0 MACs (one addition per value and extra input). Receptive field: the largest
/// of its inputs'.
public final class Add: WeightlessLayer, MergingLayer {
  public let mergedRows: [Int]
  private var inputCount = 1

  public init(rows: [Int]) {
    mergedRows = rows
  }

  public var spec: LayerSpec { .add(rows: mergedRows) }

  /// A sum of one tensor is that tensor.
  public func outputShape(for input: Shape) throws(ShapeError) -> Shape { input }

  public func outputShape(for inputs: [Shape], rows: [Int]) throws(ShapeError) -> Shape {
    for k in inputs.indices.dropFirst() where inputs[k] != inputs[0] {
      throw .invalidArgument(
        layer: spec.description,
        problem: "row \(rows[0]) is \(inputs[0]) and row \(rows[k]) is \(inputs[k]); "
          + "add needs equal shapes",
        hint: Self.hint(inputs[0], rows[0], inputs[k], rows[k]))
    }
    return inputs[0]
  }

  /// What would make shapes `a` (row `ra`) and `b` (row `rb`) equal.
  static func hint(_ a: Shape, _ ra: Int, _ b: Shape, _ rb: Int) -> String {
    if a.isFlat != b.isFlat {
      return
        "both rows must be images or both vectors: add `flatten` to row \(a.isFlat ? rb : ra)'s path"
    }
    var fixes: [String] = []
    if a.height != b.height || a.width != b.width {
      let larger = a.height * a.width > b.height * b.width ? ra : rb
      fixes.append("use maxpool/stride on row \(larger)'s path")
    }
    if a.channels != b.channels {
      fixes.append(
        "use a 1x1 conv (`conv \(max(a.channels, b.channels)) 1`) so both have "
          + "\(max(a.channels, b.channels)) channels")
    }
    return fixes.joined(separator: " or ")
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    inputCount = 1
    return input
  }

  public func forward(_ inputs: [Tensor], context: ComputeContext) -> Tensor {
    inputCount = inputs.count
    var sum = inputs[0]
    sum.storage.withUnsafeMutableBufferPointer { out in
      for other in inputs.dropFirst() {
        other.storage.withUnsafeBufferPointer { x in
          guard let x = x.baseAddress, let total = out.baseAddress else { return }
          VectorKernels.axpy(1, x, total, count: min(out.count, other.storage.count))
        }
      }
    }
    return sum
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    outputGradient
  }

  /// The same gradient for every input (shared storage: no copy).
  public func backward(_ outputGradient: Tensor, context: ComputeContext) -> [Tensor] {
    Array(repeating: outputGradient, count: inputCount)
  }
}

extension Add {
  /// Values are summed position by position: the field is the largest of the inputs'.
  public var window: SpatialWindow { .pointwise }

  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    arithmetic(inputs: [input], rows: [], output: output)
  }

  /// `out = row 3 + row 1` with the rows it reads (`in` for the main input when unnamed).
  public func arithmetic(inputs: [Shape], rows: [Int], output: Shape) -> LayerArithmetic {
    let names = rows.isEmpty ? ["in"] + mergedRows.map { "row \($0)" } : rows.map { "row \($0)" }
    return LayerArithmetic(
      outputSizeLine: "output size: \(output), the shape every input must have",
      notes: [
        "out = " + names.joined(separator: " + ") + ", value by value",
        "backward: every input gets dLoss/dout unchanged: the gradient skips the path",
      ])
  }

  public var isRandomWhenTraining: Bool { false }
}
