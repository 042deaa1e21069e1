import Repl
import Testing

@Suite struct CompleterTests {
  /// A fixed folder: `lenet5.cnn`, `notes.md`, `w.safetensors`, `sessions/`, `.hidden.cnn`.
  static func lister(_ path: String) -> [Completer.Entry] {
    switch path {
    case ".":
      [
        .init(name: "lenet5.cnn", isDirectory: false), .init(name: "notes.md", isDirectory: false),
        .init(name: "w.safetensors", isDirectory: false),
        .init(name: "sessions", isDirectory: true),
        .init(name: ".hidden.cnn", isDirectory: false),
      ]
    case "sessions/": [.init(name: "keras-mnist.cnn", isDirectory: false)]
    default: []
    }
  }

  func complete(_ before: String, _ word: String) -> [String] {
    Completer.candidates(before: before, word: word, listDirectory: Self.lister)
  }

  @Test func commandNames() {
    #expect(complete("", "co") == ["concat", "conv"])
    #expect(
      complete("", "s") == [
        "save", "seed", "sepconv", "set", "show", "sigmoid", "softmax", "status", "stop",
        "summary",
      ])
    #expect(
      complete("", "").count == Set(CommandRegistry.names.map { $0.split(separator: " ")[0] }).count
    )
  }

  @Test func secondWords() {
    #expect(complete("show ", "f") == ["filters", "fmap"])
    #expect(complete("export ", "") == ["html", "onnx", "png", "pytorch", "training", "transcript"])
    #expect(complete("load ", "") == ["model"])
    #expect(complete("save ", "").contains("model"))
    #expect(
      complete("data ", "") == [
        "bars", "cifar10", "csv", "fashion", "folder", "info", "mnist", "noise=", "pad=",
        "path=", "seed=", "shapes", "size=", "test=", "train=",
      ])
  }

  @Test func optionKeysValuesAndActivations() {
    #expect(complete("conv 32 3 ", "st") == ["stride="])
    #expect(complete("conv 32 3 stride=2 ", "st") == [])
    #expect(complete("conv 32 3 ", "re") == ["relu"])
    #expect(complete("conv 32 ", "re") == [])  // K is still missing
    #expect(complete("conv 32 3 pad=", "s") == ["same"])
    #expect(complete("train opt=", "") == ["adam", "momentum", "sgd"])
    #expect(complete("dense 10 ", "").contains("softmax"))
    #expect(complete("dense 10 ", "i") == ["init="])
    #expect(complete("sepconv 64 3 init=", "") == ["glorot", "he", "lecun"])
  }

  @Test func presetsAndHelpTopics() {
    #expect(
      complete("preset ", "") == [
        "autoencoder", "inception-mini", "keras-mnist", "lenet5", "resnet-mini", "separable-mnist",
      ])
    #expect(complete("help ", "sh").contains("show fmap"))
    #expect(complete("show kernel ", "sobel") == ["sobel-x", "sobel-y"])
  }

  @Test func layerCommandsInsideInsert() {
    #expect(complete("insert 2 ", "batch") == ["batchnorm"])
    #expect(complete("insert 2 conv 8 3 ", "pa") == ["pad="])
  }

  @Test func filePaths() {
    #expect(complete("run ", "") == ["lenet5.cnn", "sessions/"])
    #expect(complete("run ", "sessions/") == ["sessions/keras-mnist.cnn"])
    #expect(complete("run ", ".") == [".hidden.cnn"])
    #expect(complete("save model ", "") == ["force=", "sessions/", "w.safetensors"])
    #expect(complete("export transcript ", "") == ["force=", "notes.md", "sessions/"])
  }
}
