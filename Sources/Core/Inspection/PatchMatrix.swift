/// A conv row as cnnrepl runs it (`show im2col L`): every window of one image laid out as a
/// column of the *patch matrix*, then one matrix product with the kernel.
///
///     patches[C·k·k, Hout·Wout]     row (c, ky, kx), column (oy, ox): x[c, oy·s − pt + ky·d, …]
///     W[Cout, C·k·k]                the kernel [Cout, Cin, k, k] read row by row
///     Y = W · patches + b           [Cout, Hout·Wout]: the feature maps, one per row of Y
///     output = act(Y)
///
/// ``patches`` is filled by the same `Im2col.im2col` the layer's forward pass uses, and the
/// product by the same BLAS GEMM; ``largestDifference`` compares `act(Y)` with the row's
/// output from a normal forward pass.
public struct PatchMatrix: Sendable {
  public let row: Int
  public let layer: String
  public let inputRow: Int
  public let input: Shape
  public let output: Shape
  public let kernel: Int
  /// `[C·k·k, Hout·Wout]`, row-major.
  public let patches: [Float]
  /// `[Cout, C·k·k]`, row-major.
  public let weights: [Float]
  public let bias: [Float]?
  public let activation: Activation?
  /// `act(W · patches + b)`, `[Cout, Hout·Wout]`.
  public let product: [Float]
  /// The largest `|product − the row's output|`.
  public let largestDifference: Float
  public let label: Int

  public var patchRows: Int { input.channels * kernel * kernel }
  public var patchColumns: Int { output.height * output.width }

  /// The patch matrix of row `row` (a `conv` row) for test image `index`.
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int, row: Int,
    threads: Int = 1
  ) throws(InspectionError) -> PatchMatrix {
    let pass = try PatchConvolutionPass.run(
      model: model, data: data, normalization: normalization, index: index, row: row,
      tool: "show im2col", threads: threads)
    let (conv, outputs, inputRow, label, x) = (
      pass.conv, pass.outputs, pass.inputRow, pass.label, pass.input
    )
    let g: Im2col.Geometry
    do { g = try conv.patchGeometry(for: x.shape) } catch { throw .emptyModel }
    let k = conv.kernel
    let (rows, columns, filters) = (g.rows, g.columns, conv.filters)
    let (weights, bias) = conv.tiedParameters(dimensions: [filters, x.shape.channels, k, k])
    var patches = [Float](repeating: 0, count: rows * columns)
    x.storage.withUnsafeBufferPointer { image in
      patches.withUnsafeMutableBufferPointer { p in
        Im2col.im2col(image.baseAddress!, geometry: g, into: p.baseAddress!, rowStride: columns)
      }
    }
    var product = [Float](repeating: 0, count: filters * columns)
    weights.withUnsafeBufferPointer { w in
      patches.withUnsafeBufferPointer { p in
        product.withUnsafeMutableBufferPointer { y in
          BLAS.sgemm(
            m: filters, n: columns, k: rows, a: w.baseAddress!, lda: rows, b: p.baseAddress!,
            ldb: columns, c: y.baseAddress!, ldc: columns)
        }
      }
    }
    if let bias {
      for f in 0..<filters { for j in 0..<columns { product[f * columns + j] += bias[f] } }
    }
    if let activation = conv.activation {
      product = product.map { activation.value(at: $0) }
    }
    let layerOutput = outputs[row].storage
    var difference: Float = 0
    for j in product.indices { difference = max(difference, abs(product[j] - layerOutput[j])) }
    return PatchMatrix(
      row: row, layer: conv.spec.description, inputRow: inputRow, input: x.shape,
      output: outputs[row].shape, kernel: k, patches: patches, weights: weights, bias: bias,
      activation: conv.activation, product: product, largestDifference: difference, label: label)
  }
}
