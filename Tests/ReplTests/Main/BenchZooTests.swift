import Core
import Foundation
import Repl
import ReplTestSupport
import Testing

/// `make bench`'s zoo (`bench/run.sh`'s ZOO, presets and `bench/zoo/*.cnn`): every network
/// builds, together they cover what issue 21 lists, and `cnnrepl bench` measures a script's
/// network on CIFAR-10-format data.
struct BenchZooTests {
  static let root = Paths.packageRoot

  /// The `NAME:DATA` entries of run.sh's default ZOO.
  static func zoo() throws -> [(name: String, data: String)] {
    let script = try String(
      contentsOf: root.appendingPathComponent("bench/run.sh"), encoding: .utf8)
    let start = try #require(script.range(of: "ZOO=${ZOO:-"))
    let end = try #require(script[start.upperBound...].firstIndex(of: "}"))
    return script[start.upperBound..<end].replacingOccurrences(of: "\\\n", with: " ")
      .split(whereSeparator: \.isWhitespace).map { entry in
        let parts = entry.split(separator: ":")
        return (String(parts[0]), String(parts.last ?? ""))
      }
  }

  /// The network of a zoo entry: the preset, or what its script builds.
  static func model(_ name: String) throws -> Sequential {
    let h = SessionHarness(mode: .check)
    let file = root.appendingPathComponent("bench/zoo/\(name).cnn")
    if FileManager.default.fileExists(atPath: file.path) {
      let result = try h.session.runScript(atPath: file.path, echo: false)
      #expect(result.errors.isEmpty, "\(name): \(result.errors)")
    } else {
      h.run("preset \(name)")
      #expect(h.errorLines.isEmpty, "\(name): \(h.errorLines)")
    }
    return h.session.model
  }

  @Test func theZooCoversEveryKindTheIssueNames() throws {
    let zoo = try Self.zoo()
    #expect(zoo.count >= 8)
    #expect(zoo.contains { $0.name == "keras-mnist" } && zoo.contains { $0.name == "lenet5" })
    var texts: [String] = []
    var threeChannel32 = false
    for entry in zoo {
      #expect(["mnist", "cifar10"].contains(entry.data), "\(entry.name)")
      let model = try Self.model(entry.name)
      #expect(!model.isEmpty, "\(entry.name) builds no network")
      if model.inputShape == Shape(height: 32, width: 32, channels: 3) {
        threeChannel32 = true
        #expect(entry.data == "cifar10", "\(entry.name) needs 32x32x3 data")
      }
      texts += model.specs.map(\.description)
    }
    #expect(threeChannel32)
    func has(_ what: String, _ test: (String) -> Bool) {
      let found = texts.contains(where: test)
      #expect(found, "no network of the zoo has \(what)")
    }
    has("pad=same") { $0.contains("pad=same") }
    has("stride 2") { $0.contains("stride=2") && $0.hasPrefix("conv") }
    has("dilation") { $0.contains("dilation=") }
    has("a 1x1 conv") { $0.hasPrefix("conv") && $0.split(separator: " ")[2] == "1" }
    has("a 5x5 conv") { $0.hasPrefix("conv") && $0.split(separator: " ")[2] == "5" }
    has("a 7x7 conv") { $0.hasPrefix("conv") && $0.split(separator: " ")[2] == "7" }
    has("batchnorm") { $0.hasPrefix("batchnorm") }
    has("dropout") { $0.hasPrefix("dropout") }
    has("gap") { $0 == "gap" }
    has("separable") { $0.hasPrefix("sepconv") }
    has("depthwise") { $0.hasPrefix("dwconv") }
    has("transposed conv") { $0.hasPrefix("deconv") }
    has("a residual add") { $0.hasPrefix("add") }
  }

  /// A tiny CIFAR-10-format folder: `count` records per training batch, random pixels.
  static func cifarFolder(count: Int) throws -> URL {
    let folder = Paths.temporaryFolder("cnnrepl-cifar")
    var random = SeededRandom(seed: 4)
    for file in (1...5).map({ "data_batch_\($0).bin" }) + ["test_batch.bin"] {
      var bytes: [UInt8] = []
      for _ in 0..<count {
        bytes.append(UInt8(random.next() % 10))
        bytes += (0..<3072).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      }
      try Data(bytes).write(to: folder.appendingPathComponent(file))
    }
    return folder
  }

  @Test(.enabled(if: Executable.available, "the cnnrepl binary is not built"))
  func benchMeasuresAScriptsNetworkOnCIFAR() throws {
    let folder = try Self.cifarFolder(count: 16)
    let result = try Executable.run([
      "bench", "--model", "bench/zoo/allconv-cifar.cnn", "--data", "cifar10", "--data-dir",
      folder.path, "--epochs", "1", "--threads", "1",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("bench: allconv-cifar on cifar10: 80 train / 16 test images"))
    let last = try #require(result.output.split(separator: "\n").last)
    #expect(last.hasPrefix("RESULT {\"model\": \"allconv-cifar\", \"train_img_s\": "))
  }

  @Test(.enabled(if: Executable.available, "the cnnrepl binary is not built"))
  func aScriptThatBuildsNothingIsRefused() throws {
    let script = Paths.temporaryFolder().appendingPathComponent("empty.cnn")
    try "seed 3\nconv 8 3\n".write(to: script, atomically: true, encoding: .utf8)
    let result = try Executable.run(["bench", "--model", script.path, "--epochs", "1"])
    #expect(result.status != 0)
    #expect(result.error.contains("error: bench: "))
  }
}
