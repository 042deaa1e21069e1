import Foundation
import SwiftProtobuf

/// What an ONNX file holds, read back through the same generated code `export onnx` writes
/// with: the opset, the graph's operators in order and every initializer's name, shape and
/// float values (for tests and for reports; the protobuf types stay inside this module).
public struct ONNXFileSummary: Sendable, Hashable {
  public struct Initializer: Sendable, Hashable {
    public var name: String
    public var dims: [Int]
    /// Float32 values (from `raw_data` or `float_data`); empty for other element types.
    public var values: [Float]
  }

  public var irVersion: Int
  /// `opset_import` of the default domain.
  public var opset: Int?
  public var producer: String
  /// Operator types in graph order (`Conv`, `Relu`, …).
  public var operators: [String]
  public var inputs: [String]
  public var outputs: [String]
  /// Each graph output's dimensions; a free dimension is -1.
  public var outputDims: [[Int]]
  public var initializers: [Initializer]
  public var metadata: [String: String]

  public init(decoding data: Data) throws(InteropError) {
    let model: Onnx_ModelProto
    do { model = try Onnx_ModelProto(serializedBytes: data) } catch {
      throw .notONNX(problem: "\(error)")
    }
    irVersion = Int(model.irVersion)
    opset = model.opsetImport.first { $0.domain.isEmpty }.map { Int($0.version) }
    producer = model.producerName
    operators = model.graph.node.map(\.opType)
    inputs = model.graph.input.map(\.name)
    outputs = model.graph.output.map(\.name)
    outputDims = model.graph.output.map { info in
      info.type.tensorType.shape.dim.map { dim in
        if case .dimValue(let value) = dim.value { return Int(value) }
        return -1
      }
    }
    initializers = model.graph.initializer.map { tensor in
      var values = tensor.floatData
      if values.isEmpty, tensor.dataType == Int32(Onnx_TensorProto.DataType.float.rawValue) {
        let b = [UInt8](tensor.rawData)
        values = stride(from: 0, to: b.count - 3, by: 4).map { at in
          Float(
            bitPattern: UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16
              | UInt32(b[at + 3]) << 24)
        }
      }
      return Initializer(name: tensor.name, dims: tensor.dims.map(Int.init), values: values)
    }
    metadata = Dictionary(
      model.metadataProps.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
  }
}
