import Classroom
import Foundation
import Repl
import ReplTestSupport
import Testing

/// The attack end to end: a share's fork script with `save FILE force=yes` aimed at the
/// student's file, run the way `fork` runs it (the real binary with the launcher's arguments).
@Suite(.enabled(if: Executable.available, "needs the built cnnrepl"))
struct ForkLauncherTests {
  @Test func aForkedScriptCannotOverwriteTheStudentsFiles() throws {
    let setup = try WriteConfinementTests.Setup()
    let state = ForkState(
      script: "input 4x4x1\nflatten\ndense 2 softmax\nsave \(setup.victim.path) force=yes\n",
      weights: [], dataDirectory: nil, workingDirectory: setup.student.path, trainCommands: [])
    let plan = try ForkLauncher.prepare(
      state, teacher: "cs101", origin: "mallory's share `cs101`", options: [],
      dataDirectory: nil)
    defer { try? FileManager.default.removeItem(atPath: plan.folder) }
    #expect(plan.arguments.contains("--fork-folder"))
    let result = try Executable.run(
      plan.arguments, input: "quit\n", in: setup.student, mergeErrors: true)
    #expect(setup.victimIsIntact, "the student's file is unchanged")
    #expect(result.output.contains("this session is a fork of mallory's share `cs101`"))
    // The control: the same script in a session the student started overwrites.
    let script = setup.student.appendingPathComponent("own.cnn")
    try Data(state.script.utf8).write(to: script)
    _ = try Executable.run([script.path], input: "quit\n", in: setup.student, mergeErrors: true)
    #expect(!setup.victimIsIntact)
  }

  @Test func theForkFolderAndItsFilesAreOwnerOnly() throws {
    let state = ForkState(
      script: "input 4x4x1\nflatten\ndense 2 softmax\n", weights: [1, 2, 3, 4],
      dataDirectory: nil, workingDirectory: NSTemporaryDirectory(), trainCommands: [])
    let plan = try ForkLauncher.prepare(
      state, teacher: "cs101", origin: "share `cs101`", options: [], dataDirectory: nil)
    defer { try? FileManager.default.removeItem(atPath: plan.folder) }
    func mode(_ path: String) -> mode_t {
      var info = stat()
      #expect(lstat(path, &info) == 0)
      return info.st_mode & 0o777
    }
    #expect(mode(plan.folder) == 0o700)
    let files = try FileManager.default.contentsOfDirectory(atPath: plan.folder).sorted()
    #expect(files == ["fork.cnn", "weights.safetensors"])
    for file in files { #expect(mode(plan.folder + "/" + file) == 0o600, "\(file)") }
  }
}
