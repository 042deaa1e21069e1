import Datasets
import Foundation
import Repl
import ReplTestSupport
import TestSupport
import Testing

/// Size caps and header-first reading for the files commands read (issue #17): weights for
/// `load model` and `import`, scripts for `run`. Huge files are sparse (no disk space); the
/// 1 TiB cases would abort the test process if a command allocated for them.
@Suite struct ReadLimitTests {
  /// A safetensors header (JSON padded to 8 bytes) with its length in front.
  static func header(_ json: String) -> [UInt8] {
    var bytes = Array(json.utf8)
    while bytes.count % 8 != 0 { bytes.append(0x20) }
    return withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { Array($0) } + bytes
  }

  @Test(arguments: [3_200_000_000, SparseFile.moreThanMemory])
  func aHugeWeightsFileIsRefusedUnread(size: Int) throws {
    let path = Paths.temporaryFolder().appendingPathComponent("w.safetensors").path
    try SparseFile.make(
      path, size: size,
      head: Self.header(#"{"1.weight":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#))
    for command in ["load model", "import"] {
      let harness = SessionHarness()
      harness.run("input 12x12x2\nconv 5 3")
      harness.run("\(command) \(path)")
      let error = harness.errorLines.first ?? ""
      #expect(
        error.contains(
          "`\(path)` is \(FileSizeLimit.describe(size)), more than the 512 MiB a weights file may be"
        ),
        "\(error)")
      #expect(
        error.contains("the largest model cnnrepl builds has 67,108,864 parameters"), "\(error)")
    }
  }

  /// A 400 MB file whose header already shows the wrong shape: refused from the header, its
  /// data never read (the issue: 14 s and 5.9 GB for a 2 GB file).
  @Test func aHeaderThatDoesNotFitTheModelIsRefusedBeforeTheData() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("w.safetensors").path
    let head = Self.header(
      #"{"__metadata__":{"cnnrepl.architecture":"input 12x12x2\nconv 5 3\n"},"1.weight":{"dtype":"F32","shape":[100000000],"data_offsets":[0,400000000]}}"#
    )
    try SparseFile.make(path, size: head.count + 400_000_000, head: head)
    let before = SparseFile.bytesReadByThisProcess()
    for (setup, command) in [
      ("input 12x12x2\nconv 5 3", "import"), ("input 12x12x2\nconv 5 3", "load model"),
      ("", "load model"),
    ] {
      let harness = SessionHarness()
      harness.run(setup)
      harness.run("\(command) \(path)")
      let error = harness.errorLines.first ?? ""
      #expect(
        error.contains(
          "tensor `1.weight` has shape [100000000] in the file but [5, 2, 3, 3] in the model"),
        "\(command) after `\(setup)`: \(error)")
    }
    if let before, let after = SparseFile.bytesReadByThisProcess() {
      #expect(after - before < 256 << 20, "read \(after - before) bytes")
    }
  }

  @Test func aFileLongerOrShorterThanItsHeaderIsRefused() throws {
    let folder = Paths.temporaryFolder()
    let source = SessionHarness()
    source.run("input 12x12x2\nconv 5 3\nsave model \(folder.path)/m.safetensors")
    let whole = try Data(contentsOf: folder.appendingPathComponent("m.safetensors"))
    for (name, data) in [("long", whole + Data(count: 4)), ("short", whole.dropLast(4))] {
      let path = folder.appendingPathComponent("\(name).safetensors").path
      try data.write(to: URL(fileURLWithPath: path))
      let harness = SessionHarness()
      harness.run("load model \(path)")
      let described = 4 * (5 * 2 * 3 * 3 + 5)
      let expected =
        name == "long"
        ? "the header describes \(described) data bytes but the file holds \(described + 4)"
        : "tensor `1.bias` has data_offsets [360, 380] outside the 376 data bytes"
      #expect(harness.errorLines.first?.contains(expected) == true, "\(harness.errorLines)")
      #expect(harness.session.model.isEmpty)
    }
  }

  @Test(arguments: [5 << 20, SparseFile.moreThanMemory]) func aHugeScriptIsRefusedUnread(size: Int)
    throws
  {
    let path = Paths.temporaryFolder().appendingPathComponent("big.cnn").path
    try SparseFile.make(path, size: size, head: Array("input 8x8x1\n".utf8))
    let harness = SessionHarness()
    harness.run("run \(path)")
    #expect(
      harness.errorLines == [
        "error: run: `\(path)` is \(FileSizeLimit.describe(size)), more than the 4 MiB a script may be; "
          + "a script holds commands, not data; check that this is the right file"
      ])
  }

  /// `/dev/zero` has no end and a FIFO may never be written: refused, not read forever (and
  /// opening the FIFO does not wait for a writer).
  @Test func aDeviceOrAPipeIsNotAScript() throws {
    let folder = Paths.temporaryFolder()
    let zero = folder.appendingPathComponent("zero.cnn").path
    try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
    let pipe = folder.appendingPathComponent("pipe.cnn").path
    try #require(mkfifo(pipe, 0o600) == 0)
    for path in [zero, pipe] {
      let harness = SessionHarness()
      harness.run("run \(path)")
      #expect(
        harness.errorLines == [
          "error: run: `\(path)`: not a regular file (a device, a pipe or a socket); "
            + "give a file, not a device or a pipe"
        ])
    }
  }
}
