/// Channel concatenation of rows (`concat N [M …]`), the join of an Inception block or a
/// U-Net skip.
///
///     out[:, 0 ..< C0]            = x_main        (C0 channels)
///     out[:, C0 ..< C0 + C1]      = x_N           (C1 channels), and so on
///     dLoss/dx_k = the channels of dLoss/dout that came from x_k
///
/// Shapes: every input must have the main input's height and width (vectors: any lengths);
/// the output has `C0 + C1 + …` channels. No parameters, 0 MACs (values are copied).
/// Receptive field: the largest of its inputs'.
public final class Concatenate: WeightlessLayer, MergingLayer {
  public let mergedRows: [Int]
  /// Channels of each input in the last forward pass.
  private var inputChannels: [Int] = []

  public init(rows: [Int]) {
    mergedRows = rows
  }

  public var spec: LayerSpec { .concat(rows: mergedRows) }

  /// A concatenation of one tensor is that tensor.
  public func outputShape(for input: Shape) throws(ShapeError) -> Shape { input }

  public func outputShape(for inputs: [Shape], rows: [Int]) throws(ShapeError) -> Shape {
    let first = inputs[0]
    for k in inputs.indices.dropFirst() {
      let other = inputs[k]
      if other.isFlat != first.isFlat {
        throw .invalidArgument(
          layer: spec.description,
          problem: "row \(rows[0]) is \(first) and row \(rows[k]) is \(other); "
            + "concat joins images with images or vectors with vectors",
          hint: "add `flatten` to row \(first.isFlat ? rows[k] : rows[0])'s path")
      }
      if other.height != first.height || other.width != first.width {
        let larger = first.height * first.width > other.height * other.width ? rows[0] : rows[k]
        throw .invalidArgument(
          layer: spec.description,
          problem: "row \(rows[0]) is \(first) and row \(rows[k]) is \(other); "
            + "concat needs the same height and width",
          hint: "use maxpool/stride on row \(larger)'s path, or upsample the other")
      }
    }
    let channels = inputs.reduce(0) { $0 + $1.channels }
    if first.isFlat { return .flat(channels) }
    return Shape(height: first.height, width: first.width, channels: channels)
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    inputChannels = [input.shape.channels]
    return input
  }

  public func forward(_ inputs: [Tensor], context: ComputeContext) -> Tensor {
    inputChannels = inputs.map(\.shape.channels)
    let (batch, first) = (inputs[0].batch, inputs[0].shape)
    let channels = inputChannels.reduce(0, +)
    let output =
      first.isFlat
      ? Shape.flat(channels) : Shape(height: first.height, width: first.width, channels: channels)
    precondition(
      inputs.allSatisfy {
        $0.batch == batch && $0.shape.height == first.height && $0.shape.width == first.width
      }, "concat: inputs of different batch, height or width (shape inference refuses these)")
    var result = Tensor(batch: batch, shape: output)
    let plane = output.height * output.width
    let sampleCount = output.count
    result.storage.withUnsafeMutableBufferPointer { out in
      guard let out = out.baseAddress else { return }
      var offset = 0
      for input in inputs {
        let block = input.shape.channels * plane
        input.storage.withUnsafeBufferPointer { x in
          guard let x = x.baseAddress else { return }
          for n in 0..<batch {
            (out + n * sampleCount + offset).update(from: x + n * block, count: block)
          }
        }
        offset += block
      }
    }
    return result
  }

  /// dLoss/d(main input): the first input's channels of `outputGradient`.
  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard inputChannels.count > 1 else { return outputGradient }
    return backward(outputGradient, context: context)[0]
  }

  /// The gradient's channels, handed back to the inputs they came from.
  public func backward(_ outputGradient: Tensor, context: ComputeContext) -> [Tensor] {
    let output = outputGradient.shape
    let plane = output.height * output.width
    let batch = outputGradient.batch
    var offset = 0
    return inputChannels.map { channels in
      let block = channels * plane
      let shape =
        output.isFlat
        ? Shape.flat(channels)
        : Shape(height: output.height, width: output.width, channels: channels)
      var part = Tensor(batch: batch, shape: shape)
      part.storage.withUnsafeMutableBufferPointer { to in
        outputGradient.storage.withUnsafeBufferPointer { g in
          guard let to = to.baseAddress, let g = g.baseAddress else { return }
          for n in 0..<batch {
            (to + n * block).update(from: g + n * output.count + offset, count: block)
          }
        }
      }
      offset += block
      return part
    }
  }
}

extension Concatenate {
  /// Values are copied position by position: the field is the largest of the inputs'.
  public var window: SpatialWindow { .pointwise }

  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    LayerArithmetic(
      outputSizeLine:
        "channels: \(input.channels) (in) + \(output.channels - input.channels) ("
        + mergedRows.map { "row \($0)" }.joined(separator: ", ") + ") = \(output.channels)",
      notes: [
        "out = in, " + mergedRows.map { "row \($0)" }.joined(separator: ", ")
          + " stacked along channels",
        "backward: each input gets back the channels of dLoss/dout that it gave",
      ])
  }

  /// `channels: 8 (row 8) + 8 (row 7) = 16` with the rows it reads.
  public func arithmetic(inputs: [Shape], rows: [Int], output: Shape) -> LayerArithmetic {
    guard inputs.count == rows.count, !rows.isEmpty else {
      return arithmetic(input: inputs.first ?? output, output: output)
    }
    return LayerArithmetic(
      outputSizeLine:
        "channels: "
        + zip(inputs, rows).map { "\($0.channels) (row \($1))" }
        .joined(separator: " + ") + " = \(output.channels)",
      notes: [
        "out = " + rows.map { "row \($0)" }.joined(separator: ", ") + " stacked along channels",
        "backward: each input gets back the channels of dLoss/dout that it gave",
      ])
  }

  public var isRandomWhenTraining: Bool { false }
}
