import Classroom
import Foundation
import Repl
import ReplTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whose share it is comes from the kernel (`SO_PEERCRED`), and another user's share is
/// called that before anything else is shown.
struct SharePeerTests {
  @Test func thePeerIsTheUserWhoListens() throws {
    let path = Paths.temporaryFolder("share").appendingPathComponent("peer.sock").path
    let publisher = try SharePublisher(name: "peer", path: path, stateProvider: { _ in })
    publisher.start()
    defer { publisher.stop() }
    let fd = try ShareSocket.connect(path: path)
    defer { close(fd) }
    let peer = try SharePeer.of(socket: fd)
    #expect(peer.uid == getuid())
    #expect(peer.pid == getpid(), "the publisher listens in this process")
    #expect(peer.userName == SharePeer.userName(of: getuid()))
    #expect(peer.isOwned())
    #expect(peer.notice(share: "peer") == ["watching `peer`, shared by you, \(peer.who)"])
  }

  @Test func anotherUsersShareIsCalledThat() throws {
    let mallory = SharePeer(uid: 4_000_000_123, pid: 1, userName: "mallory")
    #expect(!mallory.isOwned())
    let notice = mallory.notice(share: "cs101")
    #expect(
      notice.first == "watching `cs101`, shared by mallory (uid 4000000123): another user, not you")
    #expect(notice.joined().contains("asks before running it"))
    #expect(SharePeer(uid: 7, pid: 1, userName: nil).who == "uid 7")
  }

  @Test func userNamesComeFromThePasswordFile() {
    #expect(SharePeer.userName(of: 0) == "root")
    #expect(SharePeer.userName(of: 4_000_000_123) == nil)
  }
}
