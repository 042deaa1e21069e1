import Foundation
import Repl
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
}
