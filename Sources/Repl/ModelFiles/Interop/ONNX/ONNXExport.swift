import Core
import Foundation
import SwiftProtobuf

/// A built model as an ONNX file (`export onnx`): opset ``opset``, inference mode, one input
/// `input` of `[N, C, H, W]` (N free) and one output `output` (`[N, C, H, W]` or `[N, F]`).
///
/// Layers map to operators one to one where ONNX has them:
///
///     conv → Conv (pads explicit, `same` split as Keras: odd pixel bottom/right)
///     dwconv → Conv group=Cin          sepconv → Conv group=Cin, then Conv 1x1
///     deconv → ConvTranspose           dense → Gemm transB=1 (weight [out, in])
///     maxpool → MaxPool (Indices as a second output when a maxunpool uses them)
///     maxunpool → MaxUnpool with output_shape = Shape(the pool's input)
///     avgpool → AveragePool count_include_pad=1     gap → GlobalAveragePool, Flatten
///     gmp → GlobalMaxPool, Flatten
///     upsample → Resize nearest, asymmetric, floor  flatten → Flatten axis=1 (CHW order)
///     batchnorm → BatchNormalization (running statistics)      dropout → nothing
///     add → Sum                        concat → Concat axis=1 (channels)
///     relu, leaky_relu, tanh, sigmoid → Relu, LeakyRelu, Tanh, Sigmoid
///     lecun_tanh → Mul(2/3), Tanh, Mul(1.7159)     softmax → Softmax axis=1 (channels)
///
/// A row reads the tensor of the row it names (`from=`, `add`, `concat`), so a branch is the
/// same tensor name used by several nodes: ONNX graphs are DAGs by construction.
///
/// Initializers keep the safetensors names (`1.weight`, `3.pointwise.bias`, `4.running_var`).
public enum ONNXExport {
  /// The operator set the file declares (`opset_import`); onnxruntime ≥ 1.12 runs it.
  public static let opset = 17
  /// The IR version that goes with opset 17.
  public static let irVersion = 8

  /// The file's bytes for `model`, with `architecture` (the session script) in its metadata.
  public static func encoded(_ model: Sequential, architecture: String) throws(InteropError)
    -> Data
  {
    let proto = try modelProto(model, architecture: architecture)
    do { return try proto.serializedData() } catch {
      // Only required-field checks can fail, and ONNX's proto has none set by us.
      throw .notONNX(problem: "serialising failed: \(error)")
    }
  }

  static func modelProto(_ model: Sequential, architecture: String) throws(InteropError)
    -> Onnx_ModelProto
  {
    guard let input = model.inputShape, let output = model.outputShape, !model.isEmpty else {
      throw .noModel
    }
    let (graph, last) = try layerGraph(model)
    return wrap(graph, last: last, input: input, output: output, architecture: architecture)
  }

  /// Every row's nodes and initializers, in order; `last` is the tensor the final row writes.
  private static func layerGraph(_ model: Sequential) throws(InteropError)
    -> (graph: ONNXGraphBuilder, last: String)
  {
    var graph = ONNXGraphBuilder()
    let unpooledRows = Set(model.specs.compactMap(\.layer.unpooledRow))
    // Per maxpool row that a maxunpool uses: its input tensor and its indices.
    var pools: [Int: (input: String, indices: String)] = [:]
    // The tensor each row's output is (row 0: the graph's input).
    var rowOutputs = ["input"]
    for (index, spec) in model.specs.enumerated() {
      let row = index + 1
      let reads = model.inputRows(ofRow: row)
      var current = rowOutputs[reads[0]]
      let shape = model.mainInputShape(ofRow: row)
      let parameters = Dictionary(
        model.layers[index].parameters.map { ("\(row).\($0.name)", $0) },
        uniquingKeysWith: { first, _ in first })
      // A weight the layer does not have (not built, or a name out of step with the layer)
      // would be an empty input name, an invalid graph: collected and refused after the row.
      var missing: [String] = []
      func weight(_ name: String) -> String {
        let key = "\(row).\(name)"
        guard let p = parameters[key] else {
          missing.append(name)
          return ""
        }
        return graph.initializer(key, dims: p.dimensions, values: p.value)
      }
      let base = "\(row).\(spec.layer.command)"
      switch spec.layer {
      case let .conv(_, kernel, stride, padding, dilation, bias, act, _):
        let pads = WindowPads(
          padding, input: shape, kernel: dilation * (kernel - 1) + 1, stride: stride)
        var inputs = [current, weight("weight")]
        if bias { inputs.append(weight("bias")) }
        current = graph.node(
          "Conv", inputs, named: base,
          attributes: convAttributes(kernel: kernel, stride: stride, pads: pads, dilation: dilation)
        )
        current = activation(act, current, row: row, graph: &graph)
      case let .depthwiseConv(kernel, _, stride, padding, act, _):
        let pads = WindowPads(padding, input: shape, kernel: kernel, stride: stride)
        current = graph.node(
          "Conv", [current, weight("weight"), weight("bias")], named: base,
          attributes: convAttributes(kernel: kernel, stride: stride, pads: pads)
            + [ONNXGraphBuilder.int("group", shape.channels)])
        current = activation(act, current, row: row, graph: &graph)
      case let .separableConv(_, kernel, stride, padding, act, _):
        let pads = WindowPads(padding, input: shape, kernel: kernel, stride: stride)
        current = graph.node(
          "Conv", [current, weight("depthwise.weight")], named: "\(row).depthwise",
          attributes: convAttributes(kernel: kernel, stride: stride, pads: pads)
            + [ONNXGraphBuilder.int("group", shape.channels)])
        current = graph.node(
          "Conv", [current, weight("pointwise.weight"), weight("pointwise.bias")],
          named: "\(row).pointwise",
          attributes: convAttributes(kernel: 1, stride: 1, pads: WindowPads(all: 0)))
        current = activation(act, current, row: row, graph: &graph)
      case let .transposedConv(_, kernel, stride, padding, act, _):
        current = graph.node(
          "ConvTranspose", [current, weight("weight"), weight("bias")], named: base,
          attributes: convAttributes(kernel: kernel, stride: stride, pads: WindowPads(all: padding))
        )
        current = activation(act, current, row: row, graph: &graph)
      case let .maxPool(kernel, stride, padding):
        let attributes = poolAttributes(kernel: kernel, stride: stride ?? kernel, pad: padding)
        if unpooledRows.contains(row) {
          let outputs = graph.add(
            "MaxPool", inputs: [current], outputs: 2, named: base, attributes: attributes)
          pools[row] = (current, outputs[1])
          current = outputs[0]
        } else {
          current = graph.node("MaxPool", [current], named: base, attributes: attributes)
        }
      case let .avgPool(kernel, stride, padding):
        current = graph.node(
          "AveragePool", [current], named: base,
          attributes: poolAttributes(kernel: kernel, stride: stride ?? kernel, pad: padding)
            + [ONNXGraphBuilder.int("count_include_pad", 1)])
      case .globalAvgPool, .globalMaxPool:
        let op = spec.layer == .globalAvgPool ? "GlobalAveragePool" : "GlobalMaxPool"
        current = graph.node(op, [current], named: base)
        current = graph.node(
          "Flatten", [current], named: "\(row).flatten",
          attributes: [ONNXGraphBuilder.int("axis", 1)])
      case .upsample(let factor):
        let scales = graph.initializer(
          "\(row).scales", dims: [4], values: [1, 1, Float(factor), Float(factor)])
        current = graph.node(
          "Resize", [current, "", scales], named: base,
          attributes: [
            ONNXGraphBuilder.string("mode", "nearest"),
            ONNXGraphBuilder.string("coordinate_transformation_mode", "asymmetric"),
            ONNXGraphBuilder.string("nearest_mode", "floor"),
          ])
      case .maxUnpool(let poolRow):
        guard let pool = pools[poolRow],
          case let .maxPool(kernel, stride, padding) = model.specs[poolRow - 1].layer
        else {
          throw .unsupportedLayer(
            row: row, layer: spec.description, format: "ONNX",
            reason: "row \(poolRow) is not a maxpool above it")
        }
        let size = graph.node("Shape", [pool.input], named: "\(row).output_shape")
        current = graph.node(
          "MaxUnpool", [current, pool.indices, size], named: base,
          attributes: poolAttributes(kernel: kernel, stride: stride ?? kernel, pad: padding))
      case .flatten:
        if !shape.isFlat {
          current = graph.node(
            "Flatten", [current], named: base, attributes: [ONNXGraphBuilder.int("axis", 1)])
        }
      case let .dense(_, bias, act, _):
        // Gemm's C (the bias) is optional: left out with bias=no.
        current = graph.node(
          "Gemm", [current, weight("weight")] + (bias ? [weight("bias")] : []), named: base,
          attributes: [ONNXGraphBuilder.int("transB", 1)])
        current = activation(act, current, row: row, graph: &graph)
      case .dropout:
        break  // inference: the identity
      case .add:
        current = graph.node("Sum", reads.map { rowOutputs[$0] }, named: base)
      case .concat:
        current = graph.node(
          "Concat", reads.map { rowOutputs[$0] }, named: base,
          attributes: [ONNXGraphBuilder.int("axis", 1)])
      case .batchNorm:
        let epsilon = BatchNorm.standardEpsilon
        current = graph.node(
          "BatchNormalization",
          [
            current, weight("weight"), weight("bias"), weight("running_mean"),
            weight("running_var"),
          ],
          named: base, attributes: [ONNXGraphBuilder.float("epsilon", epsilon)])
      case .activation(let act):
        current = activation(act, current, row: row, graph: &graph)
      }
      if !missing.isEmpty {
        throw .missingWeights(row: row, layer: spec.description, names: missing)
      }
      rowOutputs.append(current)
    }
    return (graph, rowOutputs[rowOutputs.count - 1])
  }

  /// The model around `graph`: opset, producer, the session script as metadata (`import`
  /// reads it back), the graph's `input` and `output` (renaming `last`, or an Identity).
  private static func wrap(
    _ graph: ONNXGraphBuilder, last current: String, input: Shape, output: Shape,
    architecture: String
  ) -> Onnx_ModelProto {
    var proto = Onnx_ModelProto()
    proto.irVersion = Int64(irVersion)
    var opsetID = Onnx_OperatorSetIdProto()
    opsetID.domain = ""
    opsetID.version = Int64(opset)
    proto.opsetImport = [opsetID]
    proto.producerName = "cnnrepl"
    proto.producerVersion = CnnreplVersion.string
    proto.docString = "exported by cnnrepl `export onnx`; the session script:\n" + architecture
    var meta = Onnx_StringStringEntryProto()
    meta.key = ModelCheckpoint.architectureKey
    meta.value = architecture
    proto.metadataProps = [meta]

    var g = Onnx_GraphProto()
    g.name = "cnnrepl"
    var nodes = graph.nodes
    if let last = nodes.indices.last, nodes[last].output.first == current {
      nodes[last].output[0] = "output"
    } else {
      var identity = Onnx_NodeProto()
      identity.opType = "Identity"
      identity.name = "output"
      identity.input = [current]
      identity.output = ["output"]
      nodes.append(identity)
    }
    g.node = nodes
    g.initializer = graph.initializers
    g.input = [valueInfo("input", input)]
    g.output = [valueInfo("output", output)]
    proto.graph = g
    return proto
  }

  /// `act` after `x` (nothing for nil); lecun_tanh is `1.7159·tanh(2/3·x)` in three nodes.
  private static func activation(
    _ act: Activation?, _ x: String, row: Int, graph: inout ONNXGraphBuilder
  ) -> String {
    guard let act else { return x }
    let base = "\(row).\(act.name)"
    switch act {
    case .relu: return graph.node("Relu", [x], named: base)
    case .leakyRelu(let alpha):
      return graph.node(
        "LeakyRelu", [x], named: base, attributes: [ONNXGraphBuilder.float("alpha", alpha)])
    case .tanh: return graph.node("Tanh", [x], named: base)
    case .sigmoid: return graph.node("Sigmoid", [x], named: base)
    case .softmax:
      return graph.node(
        "Softmax", [x], named: base, attributes: [ONNXGraphBuilder.int("axis", 1)])
    case .lecunTanh:
      let inner = graph.scalar("\(row).two_thirds", 2.0 / 3.0)
      let outer = graph.scalar("\(row).lecun_scale", 1.7159)
      let scaled = graph.node("Mul", [x, inner], named: base + ".in")
      let t = graph.node("Tanh", [scaled], named: base + ".tanh")
      return graph.node("Mul", [t, outer], named: base)
    }
  }

  private static func convAttributes(kernel: Int, stride: Int, pads: WindowPads, dilation: Int = 1)
    -> [Onnx_AttributeProto]
  {
    [
      ONNXGraphBuilder.ints("kernel_shape", [kernel, kernel]),
      ONNXGraphBuilder.ints("strides", [stride, stride]),
      ONNXGraphBuilder.ints("pads", pads.onnx),
      ONNXGraphBuilder.ints("dilations", [dilation, dilation]),
    ]
  }

  private static func poolAttributes(kernel: Int, stride: Int, pad: Int) -> [Onnx_AttributeProto] {
    [
      ONNXGraphBuilder.ints("kernel_shape", [kernel, kernel]),
      ONNXGraphBuilder.ints("strides", [stride, stride]),
      ONNXGraphBuilder.ints("pads", WindowPads(all: pad).onnx),
    ]
  }

  /// A float32 value of one sample `shape` with a free batch axis `N` in front.
  private static func valueInfo(_ name: String, _ shape: Shape) -> Onnx_ValueInfoProto {
    var batch = Onnx_TensorShapeProto.Dimension()
    batch.dimParam = "N"
    let sides = shape.isFlat ? [shape.channels] : [shape.channels, shape.height, shape.width]
    var tensorShape = Onnx_TensorShapeProto()
    tensorShape.dim =
      [batch]
      + sides.map {
        var d = Onnx_TensorShapeProto.Dimension()
        d.dimValue = Int64($0)
        return d
      }
    var tensor = Onnx_TypeProto.Tensor()
    tensor.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
    tensor.shape = tensorShape
    var type = Onnx_TypeProto()
    type.tensorType = tensor
    var info = Onnx_ValueInfoProto()
    info.name = name
    info.type = type
    return info
  }
}
