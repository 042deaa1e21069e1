import Core
import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// Session behaviour that needs no layer implementation: input, settings, errors, history,
/// scripts, transcripts and files.
@Suite struct SessionTests {
  @Test func inputPrintsRowZeroWithHeader() {
    let h = SessionHarness()
    let text = h.run("input 28x28x1")
    #expect(
      text == SummaryTable.header + "\n"
        + "  0  input                      28x28x1            0            0    1x1\n")
    #expect(h.session.model.inputShape == Shape(height: 28, width: 28, channels: 1))
  }

  @Test func refusedCommandsChangeNothing() {
    let h = SessionHarness()
    h.run("input 28x28x1\nseed 5")
    let before = (h.session.model.inputShape, h.session.seed, h.session.undoStack.count)
    let text = h.run("input 0x1x1\nseed -1\ncovn 3\nundo 2")
    #expect(h.presenter.errors.count == 4)
    #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("error: ") })
    #expect(h.session.model.inputShape == before.0)
    #expect(h.session.seed == before.1)
    #expect(h.session.undoStack.count == before.2)
  }

  @Test func layerWithoutInputIsRefused() {
    let h = SessionHarness()
    h.run("conv 8 3")
    #expect(
      h.errorLines == [
        "error: conv: there is no input shape yet; start with `input 28x28x1` or `input data`"
      ])
  }

  @Test func inputDataNeedsData() {
    let h = SessionHarness()
    h.run("input data")
    #expect(
      h.errorLines == [
        "error: input: no data set is loaded; load one with `data mnist` or give a size such as 28x28x1"
      ])
  }

  @Test func inputDataUsesTheLoadedDataSet() {
    let h = SessionHarness()
    let shape = Shape(height: 2, width: 2, channels: 1)
    let images = ImageSet(shape: shape, pixels: [0, 1, 2, 3], labels: [0], classNames: ["a"])
    h.session.data = DataSplits(name: "tiny", train: images, test: images)
    h.run("input data")
    #expect(h.presenter.errors.isEmpty)
    #expect(h.session.model.inputShape == shape)
  }

  @Test func undoAndResetOfTheInput() {
    let h = SessionHarness()
    h.run("input 28x28x1\ninput 32x32x3")
    #expect(h.session.model.inputShape == Shape(height: 32, width: 32, channels: 3))
    let text = h.run("undo")
    #expect(text.hasPrefix("undid `input 32x32x3`\n"))
    #expect(h.session.model.inputShape == Shape(height: 28, width: 28, channels: 1))
    h.run("reset")
    #expect(h.session.model.inputShape == nil)
    h.run("undo")
    #expect(h.session.model.inputShape == Shape(height: 28, width: 28, channels: 1))
    h.run("undo\nundo")
    #expect(
      h.errorLines == ["error: undo: there is nothing to undo; undo reverts model edits only"])
  }

  @Test func seedThreadsAndHistory() {
    let h = SessionHarness()
    #expect(h.run("seed 42\nthreads 2") == "seed 42\nthreads 2\n")
    #expect(h.session.seed == 42 && h.session.threads == 2)
    let text = h.run("# a comment\n\nhistory")
    #expect(text == "1  seed 42\n2  threads 2\n3  history\n")  // comments are not history
  }

  @Test func helpListsEveryCommandOnce() {
    let h = SessionHarness()
    let text = h.run("help")
    for name in CommandRegistry.names {
      #expect(text.contains("\n  \(name) "), "help misses \(name)")
    }
    let conv = h.run("help conv")
    #expect(conv.hasPrefix("usage: conv F K [stride=S] [pad=P] [dilation=D] [bias=B] [init=I] [ACT]\n"))
    #expect(conv.contains("stride=S"))
    #expect(h.run("HELP Save Model").hasPrefix("usage: save model FILE"))
  }

  /// A usage line wider than 80 columns breaks before an option, the rest under the name; the
  /// help of the commands issue #20 added to fits 80 columns.
  @Test func helpOfNewOptionsFits80Columns() {
    let h = SessionHarness()
    let data = h.run("help data")
    #expect(
      data.hasPrefix(
        "usage: data NAME [path=DIR] [pad=P] [train=N] [test=N] [size=N] [noise=X]\n"
          + "       [seed=N]\n"))
    for command in ["show kernel", "show filters", "show predictions", "show reconstruction"] {
      let lines = h.run("help \(command)").split(separator: "\n")
      #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
      let overview = h.run("help").split(separator: "\n").filter { $0.hasPrefix("  \(command) ") }
      #expect(overview.count == 1 && overview.allSatisfy { $0.count <= 80 }, "\(overview)")
    }
    for (command, word) in [
      ("data", "pad="), ("data folder", "pad="), ("data csv", "pad="), ("dense", "bias"),
    ] {
      let lines = h.run("help \(command)").split(separator: "\n").filter { $0.contains(word) }
      #expect(!lines.isEmpty && lines.allSatisfy { $0.count <= 80 }, "\(command): \(lines)")
    }
  }

  @Test func modelLockRefusesEdits() {
    let h = SessionHarness()
    h.run("input 28x28x1")
    h.session.modelLockReason = "training is running"
    h.run("input 32x32x3")
    #expect(
      h.errorLines == [
        "error: input: the model cannot change now: training is running; `stop` or `wait` first"
      ])
  }

  /// `show dream` was the last command that said "not available yet"; it now needs a model.
  @Test func showDreamWithoutAModelSaysSo() {
    let h = SessionHarness()
    h.run("show dream 1 0")
    #expect(h.errorLines.first?.hasPrefix("error: show dream: the model has no layers") == true)
  }

  @Test func quitStopsAScript() {
    let h = SessionHarness()
    let result = h.session.runScript(text: "seed 1\nquit\nseed 2\n", name: "q.cnn", echo: false)
    #expect(result.quit)
    #expect(h.session.seed == 1)
  }

  // MARK: scripts

  @Test func scriptErrorsNameFileAndLine() {
    let h = SessionHarness()
    let result = h.session.runScript(
      text: "# one\nseed 3\n\ncovn 8 3\nseed 4\n", name: "net.cnn", echo: true)
    #expect(!result.succeeded)
    #expect(
      result.errors.map(\.description) == [
        "net.cnn:4: error: covn: unknown command; did you mean `conv`?"
      ])
    #expect(h.session.seed == 3)  // stopped at the error
    #expect(
      h.presenter.text
        == "# one\n> seed 3\nseed 3\n\n> covn 8 3\nnet.cnn:4: error: covn: unknown command; did you mean `conv`?\n"
    )
    let going = SessionHarness()
    let all = going.session.runScript(
      text: "covn\nseed 4\nfoo\n", name: "k.cnn", echo: false, keepGoing: true)
    #expect(all.errors.count == 2 && going.session.seed == 4)
  }

  @Test func sameScriptSameTranscript() {
    let script = "seed 7\ninput 32x32x3\nhelp dense\ncovn\nhistory\nsummary\n"
    let a = SessionHarness()
    let b = SessionHarness()
    a.session.runScript(text: script, name: "d.cnn", echo: true, keepGoing: true)
    b.session.runScript(text: script, name: "d.cnn", echo: true, keepGoing: true)
    #expect(a.presenter.text == b.presenter.text)
    #expect(a.presenter.events == b.presenter.events)
  }

  @Test func nestedRunFindsScriptsNextToTheCallerAndStopsRunaway() throws {
    let folder = Paths.temporaryFolder()
    try "seed 9\n".write(
      to: folder.appendingPathComponent("inner.cnn"), atomically: true, encoding: .utf8)
    try "run inner.cnn\nthreads 3\n".write(
      to: folder.appendingPathComponent("outer.cnn"), atomically: true, encoding: .utf8)
    try "run self.cnn\n".write(
      to: folder.appendingPathComponent("self.cnn"), atomically: true, encoding: .utf8)
    let h = SessionHarness()
    let result = try h.session.runScript(
      atPath: folder.appendingPathComponent("outer.cnn").path, echo: true)
    #expect(result.succeeded)
    #expect(h.session.seed == 9 && h.session.threads == 3)
    #expect(h.presenter.text.contains("> run inner.cnn\n> seed 9\nseed 9\n> threads 3\n"))
    // The `run` line's transcript cell holds the nested replay.
    let cell = try #require(h.session.transcript.first)
    #expect(cell.kind == .command("run inner.cnn"))
    #expect(cell.events == [.echo("> seed 9"), .text(["seed 9"])])

    let loop = SessionHarness()
    let runaway = try loop.session.runScript(
      atPath: folder.appendingPathComponent("self.cnn").path, echo: false)
    #expect(!runaway.succeeded)
    #expect(
      loop.presenter.errors.contains {
        $0.description.contains("scripts are nested more than 8 deep")
      })
  }

  @Test func runOfAMissingFile() {
    let h = SessionHarness()
    h.run("run /nonexistent/x.cnn")
    #expect(
      h.errorLines == ["error: run: no file `/nonexistent/x.cnn`; check the name and the folder"])
  }

  // MARK: save and export

  @Test func saveWritesAReplayableScriptAndRefusesOverwrites() throws {
    let folder = Paths.temporaryFolder()
    let path = folder.appendingPathComponent("s.cnn").path
    let h = SessionHarness()
    h.run("seed 11\nthreads 2\ninput 32x32x3\nsave \(path)")
    #expect(h.presenter.errors.isEmpty)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      text
        == "# cnnrepl \(CnnreplVersion.string) session; `cnnrepl run` this file to rebuild it\nseed 11\nthreads 2\ninput 32x32x3\n"
    )
    // Saving the same state again is fine; a different state needs force=yes.
    h.run("save \(path)")
    #expect(h.presenter.errors.isEmpty)
    h.run("seed 12\nsave \(path)")
    #expect(
      h.errorLines == [
        "error: save: `\(path)` already exists with other contents; add force=yes to overwrite it, or choose another name"
      ])
    h.run("save \(path) force=yes")
    #expect(h.presenter.errors.isEmpty)

    let replay = SessionHarness()
    replay.run("run \(path)")
    #expect(replay.session.seed == 12 && replay.session.threads == 2)
    #expect(replay.session.model.inputShape == Shape(height: 32, width: 32, channels: 3))
    #expect(replay.session.sessionScript == h.session.sessionScript)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["s.cnn"])  // no temp files left
  }

  @Test func saveToAMissingFolder() {
    let h = SessionHarness()
    h.run("save /nonexistent-folder/x.cnn")
    #expect(
      h.errorLines == ["error: save: folder `/nonexistent-folder` does not exist; create it first"])
  }

  @Test func exportTranscriptWritesTheNotebook() throws {
    let folder = Paths.temporaryFolder()
    let path = folder.appendingPathComponent("t.md").path
    let h = SessionHarness()
    h.session.runScript(
      text: "# Our first model\ninput 28x28x1\ncovn\nexport transcript \(path)\n", name: "n.cnn",
      echo: true, keepGoing: true)
    let markdown = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      markdown == """
        # cnnrepl session

        Our first model

        ```text
        > input 28x28x1
        \(SummaryTable.header)
          0  input                      28x28x1            0            0    1x1
        ```

        ```text
        > covn
        n.cnn:3: error: covn: unknown command; did you mean `conv`?
        ```

        """)
    #expect(h.presenter.text.hasSuffix("wrote 3 cells to \(path) (outside the working folder)\n"))
  }

  // MARK: check mode

  @Test func checkModeKnowsDataShapesAndSkipsTraining() {
    let h = SessionHarness(mode: .check)
    let result = h.session.runScript(
      text: "data cifar10 path=/nowhere\ninput data\ntrain epochs=5\nshow curve\nsave x.cnn\n",
      name: "c.cnn", echo: false)
    #expect(result.succeeded)
    #expect(h.session.model.inputShape == Shape(height: 32, width: 32, channels: 3))
    #expect(!FileManager.default.fileExists(atPath: "x.cnn"))
    #expect(h.session.sessionScript.contains("data cifar10 path=/nowhere\ninput data\n"))
  }
}
