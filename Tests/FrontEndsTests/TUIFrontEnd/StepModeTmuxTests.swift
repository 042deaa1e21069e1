import Foundation
import ReplTestSupport
import Testing

/// `cnnrepl --step FILE` waits for a step's training before it offers the next step: the
/// prompt says so, Enter and space meanwhile neither run nor skip a step, Ctrl-C stops the
/// training and the demo goes on; a failed step says so; every gallery session steps through.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct StepModeTmuxTests {
  static func script(_ text: String) throws -> URL {
    let url = Paths.temporaryFolder("cnnrepl-script").appendingPathComponent("demo.cnn")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// The commands of a script (what the steps offer), trimmed.
  static func commands(_ text: String) -> [String] {
    text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
  }

  /// A training, then `eval`: while it runs (paused by a typed `pause`, so it cannot end by
  /// itself meanwhile) Enter and space do nothing, typed commands run, and Ctrl-C stops it and
  /// offers `eval`.
  @Test func keysDuringTheTrainingWaitNeitherRunNorSkipAStep() throws {
    let text = """
      data bars
      input data
      conv 4 3 relu
      flatten
      dense 4 softmax
      train epochs=1000 batch=8
      # the next step waits for the training
      eval
      seed 9

      """
    let t = try TUITerminal(["--step", try Self.script(text).path])
    for step in 1...6 {
      #expect(t.wait("[\(step)/8] > \(Self.commands(text)[step - 1])", seconds: 30), "\(t.screen)")
      try t.press(step % 2 == 0 ? "Space" : "Enter")
    }
    #expect(t.wait("[7/8] training… Ctrl-C stops >", seconds: 30), "\(t.screen)")
    try t.enter("pause")  // a command typed during the wait runs at once
    #expect(t.wait("[7] pause"))
    for key in ["Enter", "Space", "Enter", "Space", "Space", "Enter"] { try t.press(key) }
    try t.enter("status")  // lines are handled in order: once this ran, the keys had
    #expect(t.wait("[8] status"))
    #expect(t.wait("(paused)"))
    #expect(t.screen.contains("[7/8] training… Ctrl-C stops >"), "\(t.screen)")
    #expect(!t.screen.contains("] eval"), "no step ran")
    try t.press("C-c")
    #expect(t.wait("[7/8] > eval", seconds: 30), "\(t.screen)")
    try t.press("Enter")
    #expect(t.wait("] eval", seconds: 60), "\(t.screen)")
    #expect(t.wait("images  loss "), "\(t.screen)")  // `test: 800 images  loss …  accuracy …`
    #expect(t.wait("[8/8] > seed 9"))
    #expect(!t.screen.contains("a training is running"))
    try t.press("Space")
    #expect(t.wait("end of "))
    try t.enter("quit")
    #expect(t.exitStatus() == 0)
  }

  /// A failed step does not move the counter on silently: the note names it and the next
  /// step (a demo may show an error on purpose).
  @Test func aFailedStepSaysSo() throws {
    let text = "input 28x28x1\ncovn 8 3\nconv 8 3 relu\n"
    let t = try TUITerminal(["--step", try Self.script(text).path])
    #expect(t.wait("[1/3] > input 28x28x1"))
    try t.press("Enter")
    #expect(t.wait("[2/3] > covn 8 3"))
    try t.press("Enter")
    #expect(t.wait("step 2/3 failed: `covn 8 3`; Enter or space goes on with step 3"))
    #expect(t.wait("[3/3] > conv 8 3 relu"))
    try t.press("Enter")
    #expect(t.wait("end of "))
    try t.enter("quit")
    #expect(t.exitStatus() == 0)
  }

  /// Every gallery session steps from start to end, from the package folder, pressing Enter or
  /// space at each offer: each step is offered once, in order, with the right counter, each
  /// runs once (the journal), and the errors are exactly those of its golden transcript
  /// (`tour-of-the-language` shows some on purpose; the others none).
  @Test(arguments: Gallery.scripts)
  func galleryScriptsStepThrough(name: String) throws {
    let path = Paths.sessions.appendingPathComponent("\(name).cnn").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let commands = Self.commands(text)
    let golden = try String(
      contentsOf: Paths.sessions.appendingPathComponent("expected/\(name).txt"), encoding: .utf8)
    let t = try TUITerminal(["--step", path])
    for (index, command) in commands.enumerated() {
      let offer = "[\(index + 1)/\(commands.count)] > \(command)"
      #expect(t.wait(offer, seconds: 120), "\(name): step \(index + 1): \(t.screen)")
      try t.press(index % 2 == 0 ? "Enter" : "Space")
    }
    // The last step ran (the journal has it) and no step is offered any more. (A picture in the
    // visual pane may cover the notebook at 80 columns until the next line is typed.)
    let journalPath = try #require(t.journalPath)
    #expect(
      t.wait(seconds: 120) { screen in
        let journal = (try? String(contentsOfFile: journalPath, encoding: .utf8)) ?? ""
        return Self.commands(journal).count == commands.count && !screen.contains("] > ")
      }, "\(name): \(t.screen)")
    let transcript = t.home.appendingPathComponent("steps.md").path
    try t.enter("export transcript \(transcript)")
    #expect(t.wait("wrote "), "\(name)")
    #expect(t.screen.contains("end of \(path)"), "\(name): \(t.screen)")
    let journal = try String(contentsOfFile: journalPath, encoding: .utf8)
    #expect(
      Self.commands(journal) == commands + ["export transcript \(transcript)"],
      "\(name): every step ran once, in order")
    let written = try String(contentsOfFile: transcript, encoding: .utf8)
    #expect(
      written.components(separatedBy: "error: ").count
        == golden.components(separatedBy: "error: ").count, "\(name): the errors")
    #expect(!written.contains("a training is running"), "\(name)")
    try t.enter("quit")
    #expect(t.exitStatus() == 0)
  }
}

/// Line mode's `--step` (`--plain` at a terminal): `train` blocks with its epoch lines, keys
/// pressed meanwhile do not run the next step, Ctrl-C stops the training and the demo goes on
/// (the next step is offered).
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct LineModeStepTmuxTests {
  @Test func controlCStopsTheStepsTrainingAndTheDemoGoesOn() throws {
    let text = """
      data bars
      input data
      conv 4 3 relu
      flatten
      dense 4 softmax
      train epochs=1000 batch=8
      eval

      """
    let commands = StepModeTmuxTests.commands(text)
    let t = try TUITerminal(["--plain", "--step", try StepModeTmuxTests.script(text).path])
    for step in 1...6 {
      #expect(t.wait("[\(step)/7] > \(commands[step - 1])", seconds: 30), "\(t.screen)")
      try t.press(step % 2 == 0 ? "Space" : "Enter")
    }
    #expect(t.wait(seconds: 60) { Self.lastEpoch($0) >= 2 }, "\(t.screen)")
    try t.press("Enter")
    try t.press("Space")  // during the training: dropped, not the next step's key
    let epoch = Self.lastEpoch(t.screen)
    #expect(t.wait(seconds: 60) { Self.lastEpoch($0) > epoch }, "still training: \(t.screen)")
    #expect(!t.screen.contains("[7/7]"))
    // Ctrl-C's signal, sent with kill: pressed in the pane, the terminal itself would drop the
    // typed keys (ISIG flushes the input queue) and hide whether the step reader drops them.
    kill(try #require(t.pid), SIGINT)
    #expect(t.wait("[7/7] > eval", seconds: 60), "\(t.screen)")
    #expect(t.screen.contains("training stopped"), "\(t.screen)")
    // Had the Enter and space pressed during the training been kept, `eval` would run now;
    // `q` is then read as this offer's answer and the demo ends without it.
    try t.press("q")
    #expect(t.exitStatus() == 0)
    #expect(!t.screen.contains("images  loss"), "the keys pressed during the training are gone")
    #expect(try t.terminalIsSane())
  }

  /// The last `epoch N/1000` line's N (0 before the first).
  static func lastEpoch(_ screen: String) -> Int {
    screen.matches(of: #/epoch (\d+)/1000/#).last.flatMap { Int($0.1) } ?? 0
  }

  /// A failed step says so in line mode too (here with keys from a pipe).
  @Test func aFailedStepSaysSo() throws {
    let folder = Paths.temporaryFolder("cnnrepl-script")
    let script = folder.appendingPathComponent("demo.cnn")
    try "seed 1\ncovn 8 3\nseed 2\n".write(to: script, atomically: true, encoding: .utf8)
    let result = try Executable.run(["--step", "demo.cnn"], input: "\n\n\n", in: folder)
    #expect(result.status == 0)
    #expect(
      result.output.contains(
        "step 2/3 failed: `covn 8 3`; Enter or space goes on with step 3, q stops\n[3/3] > seed 2"))
  }
}
