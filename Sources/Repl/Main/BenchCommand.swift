import ArgumentParser
import Core
import Datasets
import Foundation
import FrontEnds
import Repl

/// The hidden `cnnrepl bench --model NAME|FILE.cnn --data-dir DIR` command (`make bench`,
/// `make accept`).
///
/// Trains a preset, or the network a `.cnn` script builds (its `input` and layer lines; the
/// bench zoo in `bench/zoo/`), on MNIST or CIFAR-10 (`--data`) with Core's ``Benchmark``
/// protocol, and prints a few human lines and one last `RESULT {…}` JSON line that
/// `bench/run.sh` and `bench/accept.sh` parse.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Training and inference speed of a network on MNIST or CIFAR-10 (make bench).",
    shouldDisplay: false)

  @Option(help: "A preset name (keras-mnist, lenet5, …) or a .cnn script that builds the network.")
  var model: String = "keras-mnist"

  @Option(help: "The data set: mnist or cifar10.")
  var data: String = "mnist"

  @Option(
    name: .customLong("data-dir"),
    help: "The data set's folder (MNIST IDX or CIFAR-10 binary); else MNIST's sample.")
  var dataDirectory: String?

  @Option(help: "Timed epochs.")
  var epochs: Int = 3

  @Option(help: "CPU threads.")
  var threads: Int = 2

  @Option(help: "Seed for weights and shuffling.")
  var seed: UInt64 = 0

  @Option(help: "Use only the first N training images (quick checks).")
  var limit: Int?

  @Option(name: .customLong("test-limit"), help: "Use only the first N test images.")
  var testLimit: Int?

  /// Whether `--model` names a script rather than a preset.
  var isScript: Bool { model.hasSuffix(".cnn") }

  @Flag(help: "Also print the time, GFLOP/s and share of peak of each layer kind.")
  var profile = false

  @Flag(name: .customLong("profile-rows"), help: "--profile with one line per row.")
  var profileRows = false

  @Option(
    name: .customLong("peak-gflops"),
    help: "FMA peak in GFLOP/s on 2 threads, scaled by threads/2 (--profile).")
  var peakGFLOPS: Double = 204

  func validate() throws {
    guard isScript || Preset.named(model) != nil else {
      throw ValidationError(
        "--model \(model) is no preset nor .cnn file; use one of "
          + Preset.names.joined(separator: ", "))
    }
    guard let name = DatasetName(rawValue: data), name == .mnist || name == .cifar10 else {
      throw ValidationError("--data must be mnist or cifar10")
    }
    guard name == .mnist || dataDirectory != nil else {
      throw ValidationError("--data cifar10 needs --data-dir (bench/make-cifar.py writes one)")
    }
    guard epochs >= 1 else { throw ValidationError("--epochs must be 1 or more") }
    guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1 to 256") }
    if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    if let testLimit, testLimit < 1 { throw ValidationError("--test-limit must be 1 or more") }
    guard peakGFLOPS > 0 else { throw ValidationError("--peak-gflops must be above 0") }
  }

  /// The network `--model` names, weights drawn from `--seed`: a preset, or what the script's
  /// lines build in a shape-checking session (nothing else in it runs).
  func makeModel() throws -> Sequential {
    if let preset = Preset.named(model), !isScript {
      let network = Sequential(seed: seed)
      try preset.apply(to: network)
      return network
    }
    let session = Session(
      options: SessionOptions(mode: .check, seed: seed), presenter: RecordingPresenter())
    let result = try session.runScript(atPath: model, echo: false)
    if let error = result.errors.first { throw BenchScriptError(report: error) }
    guard session.model.inputShape != nil, !session.model.isEmpty else {
      throw BenchScriptError(report: nil)
    }
    return session.model
  }

  func run() throws {
    let name = (model as NSString).lastPathComponent.replacingOccurrences(of: ".cnn", with: "")
    var data: DataSplits
    do {
      data = try DataCatalog.load(
        DatasetName(rawValue: self.data) ?? .mnist,
        path: dataDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) })
      _ = try makeModel()
    } catch {
      StandardStreams.write("error: bench: \(error)\n", to: .error)
      throw ExitCode.failure
    }
    if let limit { data.train = data.train.prefix(limit) }
    if let testLimit { data.test = data.test.prefix(testLimit) }
    StandardStreams.line(
      "bench: \(name) on \(data.name): \(data.train.count) train / \(data.test.count) test "
        + "images, \(epochs) epochs, batch 64, adam 1e-3, \(threads) threads")
    let result: BenchmarkResult
    do {
      result = try Benchmark.run(
        name: name, model: makeModel, data: data, epochs: epochs, threads: threads, seed: seed,
        profiler: profile || profileRows ? LayerProfiler() : nil)
    } catch {
      StandardStreams.write("error: bench: \(error)\n", to: .error)
      throw ExitCode.failure
    }
    let seconds = result.epochSeconds.map { String(format: "%.2f", $0) }.joined(separator: ", ")
    StandardStreams.line("epoch seconds: \(seconds)")
    StandardStreams.line(String(format: "training:  %.1f images/s (median epoch)", result.trainImagesPerSecond))
    StandardStreams.line(String(format: "inference: %.1f images/s (batch 256)", result.inferImagesPerSecond))
    StandardStreams.line(String(format: "test accuracy: %.4f", Double(result.testAccuracy)))
    if let profile = result.profile {
      BenchProfileReport.lines(
        profile: profile, threads: threads, peakGFLOPS: peakGFLOPS, perRow: profileRows
      ).forEach { StandardStreams.line($0) }
    }
    let numbers = String(
      format: "\"train_img_s\": %.1f, \"infer_img_s\": %.1f, \"test_acc\": %.4f",
      result.trainImagesPerSecond, result.inferImagesPerSecond, Double(result.testAccuracy))
    StandardStreams.line("RESULT {\"model\": \"\(result.model)\", \(numbers)}")
  }
}
