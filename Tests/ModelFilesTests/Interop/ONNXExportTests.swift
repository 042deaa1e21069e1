import Core
import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// `export onnx` without Python: the file read back through the same generated protobuf code
/// (opset, graph inputs and outputs, operators in order, initializers equal to the weights).
@Suite struct ONNXExportTests {
  @Test func lenet5RoundTripsThroughProtobuf() throws {
    let session = InteropModels.session("preset lenet5")
    let data = try ONNXExport.encoded(session.model, architecture: session.architectureScript)
    let file = try ONNXFileSummary(decoding: data)
    #expect(file.opset == 17 && ONNXExport.opset == 17)
    #expect(file.irVersion == ONNXExport.irVersion)
    #expect(file.producer == "cnnrepl")
    #expect(file.inputs == ["input"] && file.outputs == ["output"])
    #expect(file.outputDims == [[-1, 10]])
    #expect(
      file.operators == [
        "Conv", "Tanh", "AveragePool", "Conv", "Tanh", "AveragePool", "Flatten", "Gemm", "Tanh",
        "Gemm", "Tanh", "Gemm", "Softmax",
      ])
    #expect(file.metadata[ModelCheckpoint.architectureKey] == session.architectureScript)
    // Initializers are the safetensors tensors, same names, shapes and values.
    let tensors = ModelCheckpoint.tensors(of: session.model)
    #expect(file.initializers.map(\.name) == tensors.map(\.name))
    #expect(file.initializers.map(\.dims) == tensors.map(\.shape))
    #expect(file.initializers.map(\.values) == tensors.map(\.values))
  }

  /// Every catalog example exports to a graph whose initializers are the model's tensors, whose
  /// nodes all have an operator and named inputs, and whose output has the model's shape.
  @Test(arguments: InteropModels.catalog.map(\.name))
  func everyLayerKindExports(_ name: String) throws {
    let script = try #require(InteropModels.catalog.first { $0.name == name }?.script)
    let session = InteropModels.session(script)
    let model = session.model
    let file = try ONNXFileSummary(
      decoding: ONNXExport.encoded(model, architecture: session.architectureScript))
    let weights = ModelCheckpoint.tensors(of: model).map(\.name)
    #expect(weights.allSatisfy(file.initializers.map(\.name).contains), "\(name)")
    #expect(file.operators.allSatisfy { !$0.isEmpty }, "\(name): \(file.operators)")
    let output = try #require(model.outputShape)
    #expect(file.outputDims == [[-1] + InteropModels.dims(batch: 1, output).dropFirst()], "\(name)")
  }

  @Test func everyLayerModelUsesTheExpectedOperators() throws {
    let script = try #require(InteropModels.all.first { $0.name == "every-layer" }?.script)
    let session = InteropModels.session(script)
    let file = try ONNXFileSummary(
      decoding: ONNXExport.encoded(session.model, architecture: session.architectureScript))
    #expect(
      file.operators == [
        "Conv", "LeakyRelu",  // 1 conv stride=2 pad=same (pads 0,0,1,1)
        "BatchNormalization",  // 2
        "Conv", "Mul", "Tanh", "Mul",  // 3 dwconv group=8, lecun_tanh
        "Conv", "Conv", "Relu",  // 4 sepconv: depthwise, pointwise
        "ConvTranspose", "Tanh",  // 5
        "Conv",  // 6 dilation 2
        "MaxPool", "Sigmoid", "Shape", "MaxUnpool",  // 7, 8, 9
        "Resize", "AveragePool", "Conv",  // 10, 11, 12 (bias=no)
        "Softmax", "Mul", "Tanh", "Mul",  // 13, 14
        "Flatten", "Gemm", "Relu",  // 15, 16 (17 dropout: nothing)
        "BatchNormalization", "LeakyRelu", "Gemm", "Softmax",  // 18, 19, 20
      ])
    #expect(file.outputDims == [[-1, 5]])
    // Weights plus the constants: Resize's scales and lecun_tanh's two scalars per use.
    let weights = ModelCheckpoint.tensors(of: session.model).map(\.name)
    let extra = file.initializers.map(\.name).filter { !weights.contains($0) }
    #expect(
      extra == [
        "3.two_thirds", "3.lecun_scale", "10.scales", "14.two_thirds", "14.lecun_scale",
      ])
    #expect(file.initializers.first { $0.name == "10.scales" }?.values == [1, 1, 2, 2])
  }

  /// `dense N bias=no` is a Gemm with no C input: no bias initializer is written.
  @Test func denseWithoutBiasIsAGemmWithoutC() throws {
    let session = InteropModels.session("input 4x4x2\nflatten\ndense 6 bias=no tanh\ndense 3")
    let file = try ONNXFileSummary(
      decoding: ONNXExport.encoded(session.model, architecture: session.architectureScript))
    #expect(file.operators == ["Flatten", "Gemm", "Tanh", "Gemm"])
    #expect(file.initializers.map(\.name) == ["2.weight", "3.weight", "3.bias"])
    #expect(file.initializers.first?.dims == [6, 32])
  }

  @Test func autoencoderOutputIsAnImage() throws {
    let session = InteropModels.session("preset autoencoder")
    let file = try ONNXFileSummary(
      decoding: ONNXExport.encoded(session.model, architecture: session.architectureScript))
    #expect(file.outputDims == [[-1, 1, 28, 28]])
    #expect(file.operators.last == "Sigmoid")
  }

  @Test func emptyModelAndGarbageAreRefused() {
    #expect(throws: InteropError.noModel) {
      try ONNXExport.encoded(Sequential(), architecture: "")
    }
    #expect(throws: InteropError.self) {
      try ONNXFileSummary(decoding: Data([0xFF, 0xFF, 0xFF, 0x07, 0x01]))
    }
  }
}
