import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// The `cnnrepl` binary: exit codes, `FILE:LINE:` reports, piped input, transcripts.
@Suite(.enabled(if: Executable.available, "the cnnrepl binary is not built"))
struct ExecutableTests {
  static func script(_ text: String, named name: String = "s.cnn") throws -> URL {
    let folder = Paths.temporaryFolder()
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func versionNamesTheLicence() throws {
    let result = try Executable.run(["--version"])
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.first == CnnreplVersion.string)
    #expect(lines.contains { $0.contains("GPL-3.0-or-later") })
    // The LICENSE file is the GPL's text, version 3.
    let licence = try String(
      contentsOf: Paths.packageRoot.appendingPathComponent("LICENSE"), encoding: .utf8)
    #expect(licence.contains("GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007"))
  }

  /// The root help shows the interactive session's options and the examples, not only the
  /// subcommands; the session-language man page comes from the command registry.
  @Test func rootHelpShowsTheInteractiveOptions() throws {
    for asked in [["--help"], ["-h"], ["help"]] {
      let result = try Executable.run(asked)
      #expect(result.status == 0)
      #expect(result.output.contains("cnnrepl --step demo.cnn"))
      #expect(result.output.contains("SUBCOMMANDS:"))
      #expect(result.output.contains("INTERACTIVE OPTIONS"))
      for option in ["--plain", "--step", "--autosave", "--share", "--watch", "--color", "--threads", "--data-dir"] {
        #expect(result.output.contains(option), "\(asked) lacks \(option)")
      }
      #expect(result.output.contains("~/.config/cnnrepl/config"))
    }
    let manual = try Executable.run(["session-manual"])
    #expect(manual.status == 0)
    #expect(manual.output.hasPrefix(".TH CNNREPL-SESSION 7 "))
    #expect(manual.output.contains(".SS \"conv\"\n.nf\nusage: conv"))
  }

  /// The config file's defaults apply, the command line wins, and a bad line is named on
  /// standard error and ignored.
  @Test func theConfigFileSetsDefaults() throws {
    let home = Paths.temporaryFolder("cnnrepl-home")
    let folder = home.appendingPathComponent(".config/cnnrepl")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "threads = 3\nseed = 4\n".write(
      to: folder.appendingPathComponent("config"), atomically: true, encoding: .utf8)
    let saved = home.appendingPathComponent("saved.cnn")
    let configured = try Executable.run(["--plain"], input: "save saved.cnn\n", in: home, home: home)
    #expect(configured.status == 0)
    #expect(try String(contentsOf: saved, encoding: .utf8).contains("threads 3\n"))
    #expect(
      configured.error
        == "note: config ~/.config/cnnrepl/config line 2: unknown option `seed` (known: color, charset, threads, data-dir, memory, fps, mouse); ignored\n")
    let overridden = try Executable.run(
      ["--plain", "--threads", "1"], input: "save saved.cnn force=yes\n", in: home, home: home)
    #expect(overridden.status == 0)
    #expect(try String(contentsOf: saved, encoding: .utf8).contains("threads 1\n"))
  }

  @Test func runPrintsTheTranscriptAndExitsZero() throws {
    let url = try Self.script("# hello\nseed 3\n\nthreads 2\n")
    let result = try Executable.run(
      ["run", url.lastPathComponent], in: url.deletingLastPathComponent())
    #expect(result.status == 0)
    #expect(result.output == "# hello\n> seed 3\nseed 3\n\n> threads 2\nthreads 2\n")
    #expect(result.error.isEmpty)
  }

  @Test func runStopsAtTheFirstErrorNamingFileAndLine() throws {
    let url = try Self.script("seed 3\ncovn 8 3\nthreads 2\nfoo\n")
    let result = try Executable.run(
      ["run", url.lastPathComponent], in: url.deletingLastPathComponent())
    #expect(result.status == 1)
    #expect(result.error == "s.cnn:2: error: covn: unknown command; did you mean `conv`?\n")
    #expect(!result.output.contains("threads 2"))
    let going = try Executable.run(
      ["run", "--keep-going", url.lastPathComponent], in: url.deletingLastPathComponent())
    #expect(going.status == 1)
    #expect(
      going.error.split(separator: "\n").map { String($0.prefix(8)) } == ["s.cnn:2:", "s.cnn:4:"])
    #expect(going.output.contains("> threads 2\nthreads 2\n"))
  }

  @Test func runTranscriptEqualsTheGoldenFileByteForByte() throws {
    let golden = try String(
      contentsOf: Paths.sessions.appendingPathComponent("expected/tour-of-the-language.txt"),
      encoding: .utf8)
    let first = try Executable.run(
      ["run", "--keep-going", "tour-of-the-language.cnn"], in: Paths.sessions, mergeErrors: true)
    let second = try Executable.run(
      ["run", "--keep-going", "tour-of-the-language.cnn"], in: Paths.sessions, mergeErrors: true)
    #expect(first.status == 1)  // the tour makes mistakes on purpose
    #expect(first.output == golden)
    #expect(second.output == first.output)
  }

  @Test func checkExitCodes() throws {
    let good = try Self.script(
      "data mnist\ninput data\ntrain epochs=50\nshow curve\n", named: "good.cnn")
    let ok = try Executable.run(["check", good.path])
    #expect(ok.status == 0)
    #expect(ok.output.hasPrefix("\(good.path): ok, 4 commands"))
    let bad = try Self.script("input 28x28x1\nconv 8 3 strde=2\ntrain epochs=0\n", named: "bad.cnn")
    let failed = try Executable.run(["check", bad.path])
    #expect(failed.status == 1)
    #expect(
      failed.error == """
        \(bad.path):2: error: conv: unknown option `strde`; did you mean `stride=`?
        \(bad.path):3: error: train: `epochs` `0` is out of range; expected a whole number from 1 to 10,000

        """)
    let missing = try Executable.run(["check", "/nonexistent.cnn"])
    #expect(missing.status == 1)
  }

  @Test func pipedInputRunsWithoutPromptOrEcho() throws {
    let home = Paths.temporaryFolder("cnnrepl-home")
    let result = try Executable.run([], input: "seed 3\n# note\nhistory\n", home: home)
    #expect(result.status == 0)
    #expect(result.output == "seed 3\n1  seed 3\n2  history\n")
    // Piped sessions do not write the interactive history file.
    #expect(
      !FileManager.default.fileExists(atPath: home.appendingPathComponent(".local/state/cnnrepl/history").path))
    let failing = try Executable.run(["--plain"], input: "covn\nquit\nseed 1\n")
    #expect(failing.status == 1)
    #expect(failing.error == "error: covn: unknown command; did you mean `conv`?\n")
    #expect(failing.output.isEmpty)
  }

  @Test func replayAFileThenStayInteractive() throws {
    let url = try Self.script("seed 8\n")
    let result = try Executable.run([url.path], input: "history\n")
    #expect(result.output == "> seed 8\nseed 8\n1  seed 8\n2  history\n")
  }

  @Test func stepModeRunsOneCommandPerEnter() throws {
    let url = try Self.script("# step demo\nseed 1\nseed 2\nseed 3\n")
    let result = try Executable.run(["--step", url.path], input: "\n\nq\n")
    #expect(result.status == 0)
    #expect(result.output.contains("[1/3] > seed 1"))
    #expect(result.output.contains("seed 2\n"))
    #expect(!result.output.contains("seed 3\n"))
  }

  @Test func badCommandLineOptions() throws {
    #expect(try Executable.run(["--color", "purple"]).status == 64)
    #expect(try Executable.run(["--threads", "0"]).status == 64)
    #expect(try Executable.run(["--step"]).status == 64)
    #expect(try Executable.run(["run"]).status == 64)
  }

  /// A model saved by one process and loaded by another gives identical weights (the file
  /// written back is byte-identical).
  @Test
  func modelSavedInOneProcessLoadsInAnother() throws {
    let folder = Paths.temporaryFolder()
    try
      "seed 5\ninput 12x12x2\nconv 4 3 relu\nmaxpool 2\nsepconv 6 3 pad=same\nsave model a.safetensors\n"
      .write(to: folder.appendingPathComponent("save.cnn"), atomically: true, encoding: .utf8)
    try "seed 77\nload model a.safetensors\nsave model b.safetensors\n"
      .write(to: folder.appendingPathComponent("load.cnn"), atomically: true, encoding: .utf8)
    #expect(try Executable.run(["run", "save.cnn"], in: folder).status == 0)
    let load = try Executable.run(["run", "load.cnn"], in: folder)
    #expect(load.status == 0, "\(load.error)")
    let a = try Data(contentsOf: folder.appendingPathComponent("a.safetensors"))
    let b = try Data(contentsOf: folder.appendingPathComponent("b.safetensors"))
    #expect(a == b)
  }
}
