import ArgumentParser
import Core
import Datasets
import Foundation
import FrontEnds
import Repl

/// The hidden `cnnrepl bench --model NAME --data-dir DIR` command (`make bench`, `make accept`).
///
/// Trains a preset on MNIST with Core's ``Benchmark`` protocol and prints a few human lines
/// and one last `RESULT {…}` JSON line that `bench/run.sh` and `bench/accept.sh` parse.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Training and inference speed of a preset on MNIST (for make bench).",
    shouldDisplay: false)

  @Option(help: "Preset to measure: keras-mnist or lenet5 (any preset name works).")
  var model: String = "keras-mnist"

  @Option(
    name: .customLong("data-dir"),
    help: "Folder holding the four MNIST IDX files; without it, the built-in sample.")
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

  @Flag(help: "Also print the time, GFLOP/s and share of peak of each layer kind.")
  var profile = false

  @Flag(name: .customLong("profile-rows"), help: "--profile with one line per row.")
  var profileRows = false

  @Option(
    name: .customLong("peak-gflops"),
    help: "FMA peak in GFLOP/s on 2 threads, scaled by threads/2 (--profile).")
  var peakGFLOPS: Double = 204

  func validate() throws {
    guard Preset.named(model) != nil else {
      throw ValidationError(
        "--model \(model) is no preset; use one of " + Preset.names.joined(separator: ", "))
    }
    guard epochs >= 1 else { throw ValidationError("--epochs must be 1 or more") }
    guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1 to 256") }
    if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    if let testLimit, testLimit < 1 { throw ValidationError("--test-limit must be 1 or more") }
    guard peakGFLOPS > 0 else { throw ValidationError("--peak-gflops must be above 0") }
  }

  func run() throws {
    guard let preset = Preset.named(model) else { throw ExitCode.failure }
    var data: DataSplits
    do {
      data = try DataCatalog.load(
        .mnist, path: dataDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) })
    } catch {
      StandardStreams.write("error: bench: \(error)\n", to: .error)
      throw ExitCode.failure
    }
    if let limit { data.train = data.train.prefix(limit) }
    if let testLimit { data.test = data.test.prefix(testLimit) }
    StandardStreams.line(
      "bench: \(preset.name) on \(data.name): \(data.train.count) train / \(data.test.count) test "
        + "images, \(epochs) epochs, batch 64, adam 1e-3, \(threads) threads")
    let result: BenchmarkResult
    do {
      result = try Benchmark.run(
        preset: preset, data: data, epochs: epochs, threads: threads, seed: seed,
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
