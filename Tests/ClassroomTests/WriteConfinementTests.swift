import Foundation
import Repl
import ReplTestSupport
import Testing

/// A forked session runs a script from someone else's share: there `force=yes` may replace
/// files only in the fork's own folder, for every command that writes, through one check.
struct WriteConfinementTests {
  /// A fork folder, a student's folder with a file worth keeping, and a session for each.
  struct Setup {
    let fork = Paths.temporaryFolder("fork")
    let student = Paths.temporaryFolder("student")
    let original = Data("# my own notes\n".utf8)
    /// The student's file, named as `command` expects (`.cnn`, `.safetensors`, …).
    let victim: URL

    init(command: String = "save") throws {
      let names = [
        "save": "notes.cnn", "save model": "weights.safetensors", "export onnx": "model.onnx",
        "export pytorch": "model.py", "export transcript": "lesson.md",
      ]
      victim = student.appendingPathComponent(names[command] ?? "notes.cnn")
      try original.write(to: victim)
    }

    func session(confined: Bool) -> (Session, RecordingPresenter) {
      var options = SessionOptions(mode: .batch)
      if confined {
        options.writeConfinement = .forceInside(
          folder: fork.path, origin: "mallory's share `cs101`")
      }
      let presenter = RecordingPresenter()
      let session = Session(options: options, presenter: presenter)
      session.execute("input 4x4x1")
      session.execute("flatten")
      session.execute("dense 2 softmax")
      return (session, presenter)
    }

    var victimIsIntact: Bool { FileManager.default.contents(atPath: victim.path) == original }
  }

  static let writers = [
    "save", "save model", "export onnx", "export pytorch", "export transcript",
  ]

  /// The attack's control: in a session the user started, `force=yes` does overwrite (so the
  /// refusals below are the confinement's, not a broken command's).
  @Test(arguments: writers)
  func anOrdinarySessionOverwritesWithForce(_ command: String) throws {
    let setup = try Setup(command: command)
    let (session, _) = setup.session(confined: false)
    let outcome = session.execute("\(command) \(setup.victim.path) force=yes")
    #expect(outcome == .succeeded, "\(command)")
    #expect(!setup.victimIsIntact, "\(command) overwrote the file")
  }

  @Test(arguments: writers)
  func aForkedSessionRefusesForceOutsideItsFolder(_ command: String) throws {
    let setup = try Setup(command: command)
    let (session, presenter) = setup.session(confined: true)
    let outcome = session.execute("\(command) \(setup.victim.path) force=yes")
    #expect(outcome != .succeeded)
    #expect(setup.victimIsIntact, "\(command) left the student's file alone")
    let message = presenter.errors.map(\.description).joined()
    #expect(message.contains("this session is a fork of mallory's share `cs101`"))
    #expect(message.contains("save under a new name without force=yes"))
  }

  /// Neither `..` nor a link inside the fork folder leads out of it.
  @Test func dotDotAndLinkedFoldersStayOutside() throws {
    let setup = try Setup()
    let (session, _) = setup.session(confined: true)
    let link = setup.fork.appendingPathComponent("home")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: setup.student)
    for path in [
      setup.fork.path + "/../" + setup.student.lastPathComponent + "/notes.cnn",
      link.path + "/notes.cnn",
    ] {
      #expect(session.execute("save \(path) force=yes") != .succeeded, "\(path)")
      #expect(setup.victimIsIntact, "\(path)")
    }
  }

  @Test func insideItsFolderAndWithoutForceAForkWritesAsUsual() throws {
    let setup = try Setup()
    let (session, _) = setup.session(confined: true)
    let own = setup.fork.appendingPathComponent("mine.cnn")
    try Data("old\n".utf8).write(to: own)
    #expect(session.execute("save \(own.path) force=yes") == .succeeded)
    #expect(FileManager.default.contents(atPath: own.path) != Data("old\n".utf8))
    let fresh = setup.student.appendingPathComponent("new.cnn")
    #expect(session.execute("save \(fresh.path)") == .succeeded, "a new file needs no force")
    #expect(session.execute("save \(setup.victim.path)") != .succeeded, "no force, no overwrite")
    #expect(setup.victimIsIntact)
  }
}
