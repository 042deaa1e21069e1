import Foundation
import Repl
import ReplTestSupport
import Testing

/// The binary with data and training: `run` transcripts byte for byte, piped input, `bench`.
@Suite(
  .enabled(if: Executable.available, "the cnnrepl binary is not built"))
struct TrainingExecutableTests {
  static let script = """
    seed 2
    data bars train=200 test=40 size=12
    input data
    conv 4 3 relu
    maxpool 2
    flatten
    dense 4 softmax
    train epochs=2 limit=96 opt=momentum
    eval
    predict 1
    show confusion

    """

  @Test func runModeTrainingIsByteForByteRepeatable() throws {
    let folder = Paths.temporaryFolder()
    try Self.script.write(
      to: folder.appendingPathComponent("t.cnn"), atomically: true, encoding: .utf8)
    let first = try Executable.run(["run", "--threads", "2", "t.cnn"], in: folder)
    let second = try Executable.run(["run", "--threads", "2", "t.cnn"], in: folder)
    #expect(first.status == 0, "\(first.error)")
    #expect(first.output == second.output)
    #expect(first.output.contains("\nepoch 1/2  loss "))
    #expect(first.output.contains("\ntraining finished after 6 steps\nloss per step (6 steps)\n"))
    #expect(!first.output.contains("⣀") && first.output.contains("+-"))  // ASCII chart in a pipe
    let timed = try Executable.run(["run", "--timings", "t.cnn"], in: folder)
    #expect(timed.output.contains(#/epoch 1/2 .*%  \d+\.\ds  \d+ img/s\n/#))
  }

  @Test func pipedTrainBlocksAndPrintsEpochLines() throws {
    let result = try Executable.run([], input: Self.script)
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("epoch 2/2  loss "))
    #expect(result.output.contains("overall accuracy "))
  }

  @Test func benchPrintsAResultLine() throws {
    let result = try Executable.run([
      "bench", "--model", "lenet5", "--epochs", "1", "--threads", "1", "--limit", "320",
      "--test-limit", "64",
    ])
    #expect(result.status == 0, "\(result.error)")
    let line = try #require(result.output.split(separator: "\n").last)
    #expect(line.hasPrefix("RESULT {\"model\": \"lenet5\", \"train_img_s\": "))
    let json = try #require(line.dropFirst("RESULT ".count).data(using: .utf8))
    let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    #expect(Set(object.keys) == ["model", "train_img_s", "infer_img_s", "test_acc"])
    #expect((object["test_acc"] as? Double).map { (0...1).contains($0) } == true)
    let bad = try Executable.run(["bench", "--model", "vgg16"])
    #expect(bad.status != 0)
    #expect(bad.error.contains("--model vgg16 is no preset"))
  }

  /// `--profile`: one line per layer kind (a row's activation is part of its kind), the
  /// phases and the step, all before the unchanged `RESULT` line.
  @Test func benchProfilePrintsOneLinePerKindBeforeTheResult() throws {
    let result = try Executable.run([
      "bench", "--model", "lenet5", "--epochs", "1", "--threads", "1", "--limit", "320",
      "--test-limit", "64", "--profile", "--peak-gflops", "102",
    ])
    #expect(result.status == 0, "\(result.error)")
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(try #require(lines.last).hasPrefix("RESULT {\"model\": \"lenet5\", \"train_img_s\": "))
    let header = try #require(lines.firstIndex { $0.hasPrefix("kind ") })
    #expect(lines[header - 1].contains("5 steps of 64 images on 1 thread(s)"))
    #expect(lines[header - 1].hasSuffix("peak 51.0 GFLOP/s"))
    let kinds = lines[(header + 1)...].prefix { !$0.hasPrefix("layers (sum)") }
      .map { String($0.prefix { $0 != " " }) }
    #expect(Set(kinds) == ["conv+tanh", "avgpool", "flatten", "dense+tanh", "dense+softmax"])
    #expect(kinds.count == 5)
    for name in ["optimizer ", "loss ", "data (batch gather) ", "step "] {
      #expect(lines.contains { $0.hasPrefix(name) }, "\(name)")
    }
    #expect(lines[(header - 1)...].allSatisfy { $0.count <= 100 })
  }
}
