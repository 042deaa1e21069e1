import Datasets
import Foundation
import Testing

/// What a download may write (issue #17): a server that streams forever, or announces more
/// than a file may be, is stopped at the file's ``DownloadSource/File/maximumBytes`` with
/// nothing kept; a link planted at the `.part` name is never written through.
@Suite(.enabled(if: LoopbackServer.isAvailable), .serialized)
struct DownloadLimitTests {
  static let limit = 1 << 20

  static func source(_ server: LoopbackServer, path: String) -> DownloadSource {
    DownloadSource(
      dataset: .mnist, baseURL: server.baseURL + path,
      files: [.init(name: "x.gz", md5: String(repeating: "0", count: 32), maximumBytes: limit)])
  }

  @Test(arguments: ["forever/", "huge/"]) func anEndlessBodyIsCutAtTheLimit(path: String) throws {
    try Fixtures.withScratchFolder { (scratch: URL) throws in
      let server = try LoopbackServer(serving: scratch)
      defer { server.stop() }
      let folder = scratch.appendingPathComponent("data")
      #expect(
        throws: DownloadError.tooLarge(url: server.baseURL + path + "x.gz", limit: Self.limit)
      ) { try Downloader().fetch(Self.source(server, path: path), into: folder) }
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
  }

  @Test func theMessageSaysWhatHappened() {
    #expect(
      DownloadError.tooLarge(url: "http://h/x.gz", limit: 256 << 20).description
        == "http://h/x.gz: the server sends more than the 256 MiB this file may be; stopped, "
        + "nothing was kept — check the base URL")
    #expect(DownloadSource.mnist.files.allSatisfy { $0.maximumBytes == 256 << 20 })
  }

  @Test func aLinkAtThePartNameIsNotFollowed() throws {
    try Fixtures.withScratchFolder { (scratch: URL) throws in
      let served = scratch.appendingPathComponent("served")
      let folder = scratch.appendingPathComponent("data")
      try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let body = [UInt8](repeating: 7, count: 5_000)
      try Fixtures.write(body, to: served.appendingPathComponent("x.gz"))
      let victim = scratch.appendingPathComponent("victim")
      try Fixtures.write(Array("precious".utf8), to: victim)
      try FileManager.default.createSymbolicLink(
        atPath: folder.appendingPathComponent("x.gz.part").path, withDestinationPath: victim.path)
      let server = try LoopbackServer(serving: served)
      defer { server.stop() }
      let source = DownloadSource(
        dataset: .mnist, baseURL: server.baseURL, files: [.init(name: "x.gz", md5: MD5.hex(body))])
      #expect(throws: DownloadError.self) { try Downloader().fetch(source, into: folder) }
      #expect(try Fixtures.read(victim) == Array("precious".utf8))
    }
  }
}
