import Core
import Datasets
import Foundation
import ModelFiles
import Repl

/// The body of each fuzz target: feed one input through the code under test and keep going on
/// every thrown error (an error is a correct answer; only a trap, a sanitizer report or a hang
/// is a finding).
public enum FuzzTargets {
  /// Classes the data readers check labels against (MNIST's and CIFAR-10's ten).
  static let classNames = (0..<10).map(String.init)

  /// Every line through the parser (words, spec, values, the command value) and the completer.
  public static func parser(_ input: UnsafeBufferPointer<UInt8>) {
    parseLines(String(decoding: input, as: UTF8.self))
  }

  /// Every line through the parser and completer, then the whole text through a `check`-mode
  /// session (shape checking and model building, as `cnnrepl check` does).
  public static func commands(_ input: UnsafeBufferPointer<UInt8>) {
    FuzzSandbox.reset()
    let text = String(decoding: input, as: UTF8.self)
    parseLines(text)
    let session = Session(options: SessionOptions(mode: .check), presenter: RenderingPresenter())
    FuzzGate.install(on: session)
    session.runScript(
      text: text, name: "fuzz.cnn", directory: FuzzSandbox.path, echo: true, keepGoing: true)
  }

  /// Parses each line, builds its command when it parses, and asks for completions of its last
  /// word (the directory lister returns nothing: no file system).
  static func parseLines(_ text: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(line)
      if let (spec, arguments) = try? CommandParser.parseArguments(line) {
        _ = try? spec.make(arguments)
      }
      let words = CommandParser.words(of: line)
      _ = Completer.candidates(
        before: words.dropLast().joined(separator: " ") + " ", word: words.last ?? "",
        listDirectory: { _ in [] })
    }
  }

  /// The text as a script of a `run`-mode session that really executes (data, training,
  /// pictures, save and reload), limited by ``FuzzGate``. The script it would `save` is then
  /// checked in a fresh session.
  public static func script(_ input: UnsafeBufferPointer<UInt8>) {
    FuzzSandbox.reset()
    let text = String(decoding: input, as: UTF8.self)
    let session = Session(options: SessionOptions(mode: .batch), presenter: RenderingPresenter())
    session.trainsInBackground = false
    FuzzGate.install(on: session)
    session.runScript(
      text: text, name: "fuzz.cnn", directory: FuzzSandbox.path, echo: true, keepGoing: true)
    let replay = Session(options: SessionOptions(mode: .check), presenter: RenderingPresenter())
    FuzzGate.install(on: replay)
    replay.runScript(
      text: session.sessionScript, name: "saved.cnn", directory: FuzzSandbox.path, echo: false,
      keepGoing: true)
  }

  /// The bytes as one IDX file read as images and as labels (inflated first when gzip), then as
  /// a folder: byte 0 is the label file's length `L`, bytes `1...L` the label file, the rest
  /// the image file, used for both splits (``IDXFolder/load(name:classNames:)``).
  public static func idx(_ input: UnsafeBufferPointer<UInt8>) {
    let bytes = [UInt8](input)
    if let raw = try? DataFileReader.decompressIfGzip(bytes, file: "fuzz") {
      _ = try? IDXReader.images(from: raw, file: "fuzz")
      _ = try? IDXReader.labels(from: raw, file: "fuzz", classCount: classNames.count)
    }
    guard let first = bytes.first else { return }
    FuzzSandbox.reset()
    let labelEnd = min(bytes.count, 1 + Int(first))
    FuzzSandbox.write(bytes[1..<labelEnd], to: "labels.bin")
    FuzzSandbox.write(bytes[labelEnd...], to: "images.bin")
    for name in [IDXFolder.trainImages, IDXFolder.testImages] {
      FuzzSandbox.link(name, to: "images.bin")
    }
    for name in [IDXFolder.trainLabels, IDXFolder.testLabels] {
      FuzzSandbox.link(name, to: "labels.bin")
    }
    report(loading: { try IDXFolder(URL(fileURLWithPath: FuzzSandbox.path)).load(
      name: "fuzz", classNames: classNames) })
  }

  /// The bytes as a CIFAR-10 batch file, then as a folder whose six batch files are all the
  /// bytes after the first NUL, with `batches.meta.txt` the bytes before it (when byte 0 is odd).
  public static func cifar(_ input: UnsafeBufferPointer<UInt8>) {
    let bytes = [UInt8](input)
    _ = try? CIFAR10Folder.records(from: bytes, file: "fuzz", classCount: classNames.count)
    guard let first = bytes.first else { return }
    FuzzSandbox.reset()
    var batch = bytes[...]
    if first & 1 == 1 {
      let end = bytes.firstIndex(of: 0) ?? bytes.count
      FuzzSandbox.write(bytes[1..<max(1, end)], to: CIFAR10Folder.metaFile)
      batch = bytes[min(bytes.count, end + 1)...]
    }
    FuzzSandbox.write(batch, to: "batch.bin")
    for name in CIFAR10Folder.trainFiles + [CIFAR10Folder.testFile] {
      FuzzSandbox.link(name, to: "batch.bin")
    }
    report(loading: { try CIFAR10Folder(URL(fileURLWithPath: FuzzSandbox.path)).load() })
  }

  /// The bytes as a checkpoint: decoded, re-encoded and decoded again (names and shapes must
  /// survive), then loaded with `load model` into an empty session (the file's own
  /// architecture) and into one with a small model (the names and shapes are checked).
  public static func safeTensors(_ input: UnsafeBufferPointer<UInt8>) {
    let data = Data(buffer: input)
    if let file = try? SafeTensors(decoding: data), let again = try? file.encoded() {
      guard let decoded = try? SafeTensors(decoding: again),
        decoded.tensors.map(\.name) == file.tensors.map(\.name),
        decoded.tensors.map(\.shape) == file.tensors.map(\.shape),
        decoded.metadata == file.metadata
      else { fatalError("fuzz: a decoded checkpoint does not survive encoding") }
    }
    FuzzSandbox.reset()
    FuzzSandbox.write(input, to: "fuzz.safetensors")
    for setup in ["", "input 8x8x1\nconv 2 3 relu\nflatten\ndense 3\n"] {
      let session = Session(options: SessionOptions(mode: .batch), presenter: RenderingPresenter())
      FuzzGate.install(on: session)
      session.runScript(
        text: setup + "load model fuzz.safetensors\nsummary\n", name: "fuzz.cnn",
        directory: FuzzSandbox.path, echo: false, keepGoing: true)
    }
  }

  /// Loads a data set and, when it loads, touches what `data` and `data info` would.
  static func report(loading load: () throws -> DataSplits) {
    do {
      let splits = try load()
      _ = DatasetInfo(splits)
      _ = splits.standardized()
    } catch {
      _ = "\(error)"
    }
  }
}
