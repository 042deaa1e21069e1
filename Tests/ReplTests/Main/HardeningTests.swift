import Foundation
import ReplTestSupport
import Testing

/// What a shared classroom machine needs from the real binary: no way out to a shell, files
/// made with the user's umask, no silent overwrite, no silent folder, every path outside the
/// working folder spelled out; and an exploding learning rate reported, never a crash.
@Suite(.enabled(if: Executable.available, "needs the built cnnrepl"))
struct HardeningTests {
  /// Runs `cnnrepl run --keep-going script` in `folder` through `sh -c` with `umask`.
  static func run(_ script: String, in folder: URL, umask: String = "022") throws -> (
    status: Int32, output: String
  ) {
    let file = folder.appendingPathComponent("script.cnn")
    try script.write(to: file, atomically: true, encoding: .utf8)
    let binary = try #require(Executable.url).path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "umask \(umask); exec \(binary) run --keep-going script.cnn 2>&1"]
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = folder.path
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func mode(_ url: URL) throws -> Int {
    try #require(
      try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
  }

  @Test func scriptsRunOnlyCnnreplCommands() throws {
    let folder = Paths.temporaryFolder("cnnrepl-shell")
    let attempts = [
      "!touch pwned", "$(touch pwned)", "`touch pwned`", "sh -c 'touch pwned'",
      "system touch pwned", "shell touch pwned", "exec touch pwned", "input 8x8x1; touch pwned",
      "run pwned.sh",
    ]
    try "touch pwned\n".write(
      to: folder.appendingPathComponent("pwned.sh"), atomically: true, encoding: .utf8)
    let (status, output) = try Self.run(attempts.joined(separator: "\n") + "\n", in: folder)
    #expect(status == 1)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("pwned").path))
    for line in 1...attempts.count { #expect(output.contains("script.cnn:\(line): error: ")) }
  }

  @Test(arguments: [("077", 0o600), ("022", 0o644), ("002", 0o664)])
  func filesFollowTheUmask(umask: String, mode: Int) throws {
    let folder = Paths.temporaryFolder("cnnrepl-umask")
    let (status, output) = try Self.run(
      "input 8x8x1\nconv 2 3\nsave a.cnn\nsave model a.safetensors\nexport transcript a.md\n",
      in: folder, umask: umask)
    #expect(status == 0, "\(output)")
    for name in ["a.cnn", "a.safetensors", "a.md"] {
      #expect(try Self.mode(folder.appendingPathComponent(name)) == mode, "\(name) umask \(umask)")
    }
  }

  @Test func saveRefusesToOverwriteADifferentFileUnlessForced() throws {
    let folder = Paths.temporaryFolder("cnnrepl-overwrite")
    let (status, output) = try Self.run(
      """
      input 8x8x1
      save a.cnn
      save a.cnn
      conv 2 3
      save a.cnn
      save model m.safetensors
      export transcript t.md
      conv 2 3
      save model m.safetensors
      export transcript t.md
      save a.cnn force=yes
      save model m.safetensors force=yes
      export transcript t.md force=yes

      """, in: folder)
    #expect(status == 1)
    let refusal = "already exists with other contents; add force=yes to overwrite it"
    #expect(!output.contains("script.cnn:3: error"), "the same contents again is fine")
    #expect(output.contains("script.cnn:5: error: save: `a.cnn` \(refusal)"))
    #expect(output.contains("script.cnn:9: error: save model: `m.safetensors` \(refusal)"))
    #expect(output.contains("script.cnn:10: error: export transcript: `t.md` \(refusal)"))
    for line in [11, 12, 13] { #expect(!output.contains("script.cnn:\(line): error")) }
    let saved = try String(contentsOf: folder.appendingPathComponent("a.cnn"), encoding: .utf8)
    #expect(saved.components(separatedBy: "conv 2 3").count == 3, "the forced save has both")
  }

  @Test func pathsOutsideTheWorkingFolderAreSpelledOutAndNoFolderIsMade() throws {
    let folder = Paths.temporaryFolder("cnnrepl-paths")
    let outside = Paths.temporaryFolder("cnnrepl-outside")
    let (status, output) = try Self.run(
      """
      input 8x8x1
      save here.cnn
      save ./there.cnn
      save \(outside.path)/away.cnn
      save ../\(outside.lastPathComponent)/up.cnn
      save missing/deeper/x.cnn

      """, in: folder)
    #expect(status == 1)
    #expect(output.contains("saved 4 lines to here.cnn\n"))
    #expect(output.contains("saved 4 lines to ./there.cnn\n"))
    #expect(output.contains("saved 4 lines to \(outside.path)/away.cnn (outside the working folder)"))
    #expect(output.contains("saved 4 lines to \(outside.path)/up.cnn (outside the working folder)"))
    #expect(output.contains("script.cnn:6: error: save: folder"))
    #expect(output.contains("does not exist; create it first"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("missing").path))
  }

  /// `train lr=1e6` is refused with the allowed range; `lr=10` on a linear output with the
  /// squared error diverges: the run reports the step and restores the weights, and goes on.
  @Test func anExplodingLearningRateIsReportedNeverACrash() throws {
    let folder = Paths.temporaryFolder("cnnrepl-explode")
    let (status, output) = try Self.run(
      """
      data bars size=12 train=256 test=64
      input data
      conv 4 3 relu
      flatten
      dense 4
      train lr=1e6
      train opt=sgd lr=10 epochs=10 loss=mse
      eval

      """, in: folder)
    #expect(status == 1, "the refused line makes the run fail")
    #expect(
      output.contains(
        "script.cnn:6: error: train: `lr` `1e6` is out of range; expected a number from 1e-09 to 10"
      ))
    #expect(
      output.contains(
        "training stopped: the loss became inf at step 34 (epoch 5); the weights are back to "
          + "those after step 32; lower the learning rate (lr=10 now)"))
    #expect(output.contains("> eval\ntest: 64 images  loss 5.215e+37"))
  }
}
