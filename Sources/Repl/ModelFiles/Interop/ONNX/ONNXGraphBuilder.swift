import Foundation
import SwiftProtobuf

/// Collects the nodes and initializers of one ONNX graph, naming every intermediate tensor.
///
/// Tensors are float32 unless said otherwise; initializers store their values little-endian in
/// `raw_data` (what onnxruntime and `onnx.numpy_helper` read fastest).
struct ONNXGraphBuilder {
  private(set) var nodes: [Onnx_NodeProto] = []
  private(set) var initializers: [Onnx_TensorProto] = []
  private var nameCounts: [String: Int] = [:]

  /// A node `op(inputs) -> outputs`; returns the output names (`base`, `base.1`, …).
  @discardableResult
  mutating func add(
    _ op: String, inputs: [String], outputs count: Int = 1, named base: String,
    attributes: [Onnx_AttributeProto] = []
  ) -> [String] {
    let name = unique(base)
    var node = Onnx_NodeProto()
    node.opType = op
    node.name = name
    node.input = inputs
    node.output = (0..<count).map { $0 == 0 ? name : "\(name).\($0)" }
    node.attribute = attributes
    nodes.append(node)
    return node.output
  }

  /// One-output shorthand for ``add(_:inputs:outputs:named:attributes:)``.
  mutating func node(
    _ op: String, _ inputs: [String], named base: String,
    attributes: [Onnx_AttributeProto] = []
  ) -> String {
    add(op, inputs: inputs, named: base, attributes: attributes)[0]
  }

  /// A float32 initializer of `dims` (outermost first) holding `values`.
  mutating func initializer(_ name: String, dims: [Int], values: [Float]) -> String {
    var tensor = Onnx_TensorProto()
    tensor.name = name
    tensor.dims = dims.map(Int64.init)
    tensor.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
    let little = values.map { $0.bitPattern.littleEndian }
    tensor.rawData = little.withUnsafeBytes { Data($0) }
    initializers.append(tensor)
    return name
  }

  /// A float32 scalar constant (a 0-d initializer).
  mutating func scalar(_ name: String, _ value: Float) -> String {
    initializer(unique(name), dims: [], values: [value])
  }

  /// An int64 vector initializer (`Resize`'s sizes, `Reshape`'s shape).
  mutating func int64s(_ name: String, _ values: [Int64]) -> String {
    var tensor = Onnx_TensorProto()
    tensor.name = unique(name)
    tensor.dims = [Int64(values.count)]
    tensor.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
    tensor.int64Data = values
    initializers.append(tensor)
    return tensor.name
  }

  private mutating func unique(_ base: String) -> String {
    let seen = nameCounts[base, default: 0]
    nameCounts[base] = seen + 1
    return seen == 0 ? base : "\(base)_\(seen)"
  }

  // MARK: - Attributes

  static func ints(_ name: String, _ values: [Int]) -> Onnx_AttributeProto {
    var a = Onnx_AttributeProto()
    a.name = name
    a.type = .ints
    a.ints = values.map(Int64.init)
    return a
  }

  static func int(_ name: String, _ value: Int) -> Onnx_AttributeProto {
    var a = Onnx_AttributeProto()
    a.name = name
    a.type = .int
    a.i = Int64(value)
    return a
  }

  static func float(_ name: String, _ value: Float) -> Onnx_AttributeProto {
    var a = Onnx_AttributeProto()
    a.name = name
    a.type = .float
    a.f = value
    return a
  }

  static func string(_ name: String, _ value: String) -> Onnx_AttributeProto {
    var a = Onnx_AttributeProto()
    a.name = name
    a.type = .string
    a.s = Data(value.utf8)
    return a
  }
}
