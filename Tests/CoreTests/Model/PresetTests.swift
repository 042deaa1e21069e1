import Core
import Testing

/// Preset definitions that need no layer implementation (lookup, rows as commands).
@Suite struct PresetTests {
  @Test func namesAndLookup() {
    #expect(
      Preset.names == [
        "lenet5", "keras-mnist", "separable-mnist", "autoencoder", "resnet-mini", "inception-mini",
      ])
    #expect(Preset.named("Keras-MNIST")?.name == "keras-mnist")
    #expect(Preset.named("vgg16") == nil)
    #expect(Preset.all.allSatisfy { !$0.summary.isEmpty && $0.input.description == "28x28x1" })
  }

  @Test func kerasMNISTAsCommands() {
    #expect(
      Preset.kerasMNIST.commands == [
        "input 28x28x1", "conv 32 3 relu", "maxpool 2", "conv 64 3 relu", "maxpool 2",
        "conv 128 3 relu", "flatten", "dense 10 softmax",
      ])
  }

  @Test func lenet5AsCommands() {
    #expect(
      Preset.lenet5.commands == [
        "input 28x28x1", "conv 6 5 pad=same tanh", "avgpool 2", "conv 16 5 tanh", "avgpool 2",
        "flatten", "dense 120 tanh", "dense 84 tanh", "dense 10 softmax",
      ])
  }

  @Test func summariesNameTheirSources() {
    #expect(Preset.lenet5.summary.contains("LeCun"))
    #expect(Preset.kerasMNIST.summary.contains("Keras"))
    #expect(Preset.autoencoder.summary.contains("mse"))
  }
}
