import Classroom
import Foundation
import Repl
import ReplTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Socket folders and modes (README "Classroom"), names, and where `--watch NAME` looks.
@Suite(.serialized)
struct ShareSocketTests {
  static func mode(_ path: String) -> (mode: mode_t, gid: gid_t) {
    var info = stat()
    _ = lstat(path, &info)
    return (info.st_mode & 0o777, info.st_gid)
  }

  @Test func privateShareFolderIs0700AndSocket0600() throws {
    let runtime = Paths.temporaryFolder("runtime").path
    let environment = ["XDG_RUNTIME_DIR": runtime]
    let folder = ShareSocket.folder(forGroup: false, environment: environment)
    #expect(folder == runtime + "/cnnrepl")
    let publisher = try SharePublisher(
      name: "p", path: folder + "/p.sock", stateProvider: { _ in })
    defer { publisher.stop() }
    #expect(Self.mode(folder).mode == 0o700)
    #expect(Self.mode(folder + "/p.sock").mode == 0o600)
    #expect(try ShareSocket.resolve("p", environment: environment) == folder + "/p.sock")
  }

  @Test func groupShareIs0750And0660OwnedByTheGroup() throws {
    let gid = getgid()
    guard let entry = getgrgid(gid) else { return }
    let group = String(cString: entry.pointee.gr_name)
    #expect(try ShareSocket.groupID(group) == gid)
    let folder = Paths.temporaryFolder("groupshare").path + "/cnnrepl"
    let publisher = try SharePublisher(
      name: "g", path: folder + "/g.sock", group: gid, stateProvider: { _ in })
    defer { publisher.stop() }
    #expect(Self.mode(folder) == (0o750, gid))
    #expect(Self.mode(folder + "/g.sock") == (0o660, gid))
  }

  @Test func namesAndGroupsAreChecked() {
    for good in ["class", "cs101-a", "demo_2.b"] {
      #expect(throws: Never.self) { try ShareSocket.validate(name: good) }
    }
    for bad in ["", "../x", "a/b", ".hidden", "a b", String(repeating: "n", count: 65)] {
      #expect(throws: ShareError.badName(bad)) { try ShareSocket.validate(name: bad) }
    }
    #expect(throws: ShareError.unknownGroup("no-such-group-xyz")) {
      try ShareSocket.groupID("no-such-group-xyz")
    }
  }

  @Test func watchingAMissingNameSaysWhereItLooked() throws {
    let environment = ["XDG_RUNTIME_DIR": Paths.temporaryFolder("runtime").path]
    #expect(throws: ShareError.self) {
      try ShareSocket.resolve("nobody-shares-this", environment: environment)
    }
    #expect(
      try ShareSocket.resolve("/some/where.sock", environment: environment) == "/some/where.sock")
    let message =
      (try? ShareSocket.resolve("nobody-shares-this", environment: environment)).map { _ in "" }
      ?? ShareError.notFound(name: "nobody-shares-this", searched: []).description
    #expect(message.contains("--watch PATH"))
  }

  /// The attack: another user shares under the teacher's name in a `/tmp/cnnrepl-UID` folder
  /// that sorts first, and `--watch NAME` took it. Now two shares of one name are refused,
  /// each listed with its owner, and the student is asked for the exact path.
  @Test func aSquattedNameIsRefusedAsAmbiguous() throws {
    let runtime = Paths.temporaryFolder("runtime").path
    let environment = ["XDG_RUNTIME_DIR": runtime]
    let name = "squat\(UUID().uuidString.prefix(6))"
    let teacherPath =
      ShareSocket.folder(forGroup: false, environment: environment)
      + "/\(name).sock"
    let teacher = try SharePublisher(name: name, path: teacherPath, stateProvider: { _ in })
    defer { teacher.stop() }
    #expect(try ShareSocket.resolve(name, environment: environment) == teacherPath)
    // The squatter's folder: `/tmp/cnnrepl-` and digits, as `--share-group` makes them.
    let squatFolder = "/tmp/cnnrepl-\(UInt32.random(in: 3_000_000_000...4_000_000_000))"
    let squatterPath = squatFolder + "/\(name).sock"
    let squatter = try SharePublisher(name: name, path: squatterPath, stateProvider: { _ in })
    defer {
      squatter.stop()
      try? FileManager.default.removeItem(atPath: squatFolder)
    }
    do {
      let taken = try ShareSocket.resolve(name, environment: environment)
      Issue.record("an ambiguous name resolved to \(taken)")
    } catch {
      guard case .ambiguousName(let ambiguous, let shares) = error else {
        Issue.record("not refused as ambiguous: \(error)")
        return
      }
      #expect(ambiguous == name)
      #expect(shares.count == 2)
      #expect(
        shares.contains { $0.hasPrefix(teacherPath + " (") && $0.contains("uid \(getuid())") })
      #expect(shares.contains { $0.hasPrefix(squatterPath + " (") })
      #expect(error.description.contains("more than one shared session is called `\(name)`"))
      #expect(error.description.contains("--watch PATH"))
    }
    // The exact path still works.
    #expect(try ShareSocket.resolve(squatterPath, environment: environment) == squatterPath)
  }

  /// A regular file of the name is no share: it neither resolves nor makes a name ambiguous.
  @Test func onlySocketsCount() throws {
    let runtime = Paths.temporaryFolder("runtime").path
    let environment = ["XDG_RUNTIME_DIR": runtime]
    let folder = ShareSocket.folder(forGroup: false, environment: environment)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let name = "file\(UUID().uuidString.prefix(6))"
    #expect(FileManager.default.createFile(atPath: folder + "/\(name).sock", contents: Data()))
    #expect(throws: ShareError.self) { try ShareSocket.resolve(name, environment: environment) }
  }
}
