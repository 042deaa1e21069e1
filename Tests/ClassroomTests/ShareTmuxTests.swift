import Foundation
import ReplTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `--share` and `--watch` with the real binary in tmux: a teacher at 120x40 and watchers at
/// 80x24 and 40x12 with `--color never` follow the teacher's model and training; a watcher is
/// killed mid-stream, another tries to type commands, a late one gets the notebook so far, and
/// a `fork` trains on its own.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct ShareTmuxTests {
  /// A private runtime folder shared by the teacher and its watchers, and a unique name.
  struct Classroom {
    let runtime = Paths.temporaryFolder("share-runtime").path
    let name = "t\(UUID().uuidString.prefix(6))"
    var environment: String { "XDG_RUNTIME_DIR=\(runtime)" }

    func teacher() throws -> TUITerminal {
      let t = try TUITerminal(["--share", name, "--color", "never"], environment: environment)
      t.resize(width: 120, height: 40)
      return t
    }

    func watcher(width: Int, height: Int) throws -> TUITerminal {
      let w = try TUITerminal(["--watch", name, "--color", "never"], environment: environment)
      w.resize(width: width, height: height)
      return w
    }
  }

  /// `ep E/N … S/188` of the training pane: the step shown.
  static func step(_ screen: String) -> Int? {
    guard let range = screen.range(of: #"ep \d+/\d+ .*? (\d+)/188"#, options: .regularExpression)
    else { return nil }
    let text = screen[range]
    guard let slash = text.range(of: "/188", options: .backwards) else { return nil }
    let digits = text[..<slash.lowerBound].reversed().prefix { $0.isNumber }
    let epoch = text.dropFirst(3).prefix { $0.isNumber }
    return (Int(String(epoch)) ?? 0) * 1000 + (Int(String(digits.reversed())) ?? 0)
  }

  @Test func watchersFollowTheTeacherAtTheirOwnSizes() throws {
    let room = Classroom()
    let teacher = try room.teacher()
    #expect(teacher.waitForStart())
    #expect(teacher.wait("sharing this session as `\(room.name)`"))
    try teacher.enter("data mnist")
    try teacher.enter("preset lenet5")
    #expect(teacher.wait("total 61,706 params"))

    let wide = try room.watcher(width: 80, height: 24)
    let small = try room.watcher(width: 40, height: 12)
    #expect(wide.wait("watching \(room.name)"))
    #expect(wide.wait("dense 10 softmax"), "the teacher's model rows")
    #expect(wide.screen.contains("total 61,706 params (241.0 KiB)"))
    #expect(small.wait("61,706 params"), "the 40x12 watcher's status line")
    #expect(!wide.screenWithEscapes.contains("\u{1B}[3"), "no colours with --color never")

    try teacher.enter("train epochs=30")
    #expect(wide.wait(seconds: 20) { Self.step($0) != nil }, "the training pane")
    let first = Self.step(wide.screen) ?? 0
    #expect(wide.wait(seconds: 20) { (Self.step($0) ?? 0) > first }, "the chart moves")
    #expect(wide.screen.contains("┤"), "the loss chart")
    #expect(small.wait(seconds: 20) { $0.contains("training") }, "the small watcher follows")

    // Typing a command in a watcher is refused there and never reaches the teacher.
    try wide.enter("conv 8 3")
    #expect(wide.wait("read-only: this is \(room.name)'s session; type `fork`"))
    try wide.press("C-c")
    Thread.sleep(forTimeInterval: 0.5)
    #expect(!teacher.screen.contains("conv 8 3"))
    #expect(!teacher.screen.contains("training stopped"), "Ctrl-C in a watcher stops nothing")

    // A watcher killed mid-stream: the teacher and the other watcher go on.
    if let pid = small.pid { kill(pid, SIGKILL) }
    let before = Self.step(wide.screen) ?? 0
    #expect(wide.wait(seconds: 20) { (Self.step($0) ?? 0) > before }, "still moving after a kill")

    // A late joiner gets the notebook so far.
    let late = try room.watcher(width: 120, height: 40)
    #expect(late.wait("[3] train epochs=30"))
    #expect(late.screen.contains("total params: 61,706"), "the preset's summary, sent before")

    try teacher.press("C-c")
    #expect(teacher.wait("training stopped after"))
    #expect(wide.wait("training stopped after"))
    try teacher.enter("quit")
    #expect(teacher.wait("EXIT=0"))
    #expect(wide.wait("stopped sharing"))
    try wide.enter("quit")
    #expect(wide.wait("EXIT=0"))
    #expect(try wide.terminalIsSane())
  }

  @Test func forkTrainsOnItsOwn() throws {
    let room = Classroom()
    let teacher = try room.teacher()
    #expect(teacher.waitForStart())
    try teacher.enter("data mnist")
    try teacher.enter("preset lenet5")
    // Long enough to outlast the student's questions on any machine (stopped below).
    try teacher.enter("train epochs=1000")
    let student = try room.watcher(width: 80, height: 24)
    #expect(student.wait(seconds: 20) { Self.step($0) != nil })
    // The copy's script is shown and nothing runs or is written before `yes`; the question
    // stays in view on the prompt (the notebook keeps the teacher's training cell in view).
    try student.enter("fork")
    #expect(student.wait(seconds: 20) { $0.contains("run the copy? (script above: PgUp) yes/no>") })
    try student.enter("no")
    #expect(student.wait(seconds: 20) { $0.contains("\nwatch>") && !$0.contains("yes/no>") })
    #expect(Self.forkFolders(room.name).isEmpty, "no copy written after `no`")
    try student.enter("fork")
    #expect(student.wait(seconds: 20) { $0.contains("yes/no>") })
    try student.enter("yes")
    #expect(student.wait(seconds: 20, until: { $0.contains("loaded 10 tensors (61,706 params)") }))
    #expect(student.wait("F1 help"), "the student's own session")
    try student.enter("train epochs=1 limit=640")
    #expect(student.wait(seconds: 30) { $0.contains("training finished after 20 steps") })
    // The teacher's training went on meanwhile and never saw the student's command.
    #expect(!teacher.screen.contains("limit=640"))
    #expect(teacher.screen.contains("/1000"))
    try teacher.press("C-c")
    #expect(teacher.wait("training stopped after"), "Ctrl-C, then the input line is clear")
    try teacher.enter("quit")
    #expect(teacher.wait("EXIT=0"))
    try student.enter("quit")
    #expect(student.wait("EXIT=0"))
    // The copy's folder (script, weights, journal) is the student's; the test removes it.
    let forks = Self.forkFolders(room.name)
    #expect(forks.count == 1)
    for folder in forks { try? FileManager.default.removeItem(atPath: folder) }
  }

  /// The fork folders of share `name` in the temporary folder.
  static func forkFolders(_ name: String) -> [String] {
    let temporary = FileManager.default.temporaryDirectory
    let all = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
    return all.filter { $0.hasPrefix("cnnrepl-fork-\(name)-") }
      .map { temporary.appendingPathComponent($0).path }
  }
}
