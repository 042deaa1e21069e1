import Datasets
import Foundation
import Testing

/// Downloads from a loopback server serving the shared MNIST folder.
///
/// Its training files are the 24,000-image cut, so their MD5s differ from the official ones:
/// the tests inject the sums.
@Suite(.enabled(if: Fixtures.hasSharedMNIST && LoopbackServer.isAvailable), .serialized)
struct DownloaderTests {
  /// The MNIST source pointed at `server`, with the shared files' own sums.
  static func localSource(_ server: LoopbackServer, shared: URL) throws -> DownloadSource {
    var source = DownloadSource.mnist
    source.baseURL = server.baseURL
    for i in source.files.indices {
      source.files[i].md5 = MD5.hex(
        try Fixtures.read(shared.appendingPathComponent(source.files[i].name)))
    }
    return source
  }

  @Test func fetchesVerifiesAndLoadsTheFourFiles() throws {
    let shared = try #require(Fixtures.sharedMNIST)
    let server = try LoopbackServer(serving: shared)
    defer { server.stop() }
    let source = try Self.localSource(server, shared: shared)
    try Fixtures.withScratchFolder { (dataDir: URL) throws in
      let folder = DataCatalog.defaultFolder(for: .mnist, dataDir: dataDir)
      let reports = try Downloader().fetch(source, into: folder)
      #expect(reports.map(\.file) == source.files.map(\.name))
      for report in reports {
        guard case .downloaded(let bytes) = report.outcome else {
          Issue.record("\(report)")
          continue
        }
        #expect(bytes == (try Fixtures.read(shared.appendingPathComponent(report.file))).count)
      }
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      #expect(names == source.files.map(\.name).sorted())
      let data = try DataCatalog.load(.mnist, dataDirs: [dataDir])
      #expect(data.train.count == 24_000 && data.test.count == 10_000)
      let again = try Downloader().fetch(source, into: folder)
      #expect(again.allSatisfy { $0.outcome == .alreadyPresent })
    }
  }

  @Test func aWrongChecksumKeepsNothing() throws {
    let shared = try #require(Fixtures.sharedMNIST)
    let server = try LoopbackServer(serving: shared)
    defer { server.stop() }
    var source = DownloadSource.mnist  // official sums: the 24,000-image cut does not match
    source.baseURL = server.baseURL
    source.files = [source.files[0]]
    let actual = MD5.hex(try Fixtures.read(shared.appendingPathComponent(source.files[0].name)))
    try Fixtures.withScratchFolder { (folder: URL) throws in
      #expect(
        throws: DownloadError.checksumMismatch(
          file: "train-images-idx3-ubyte.gz", expected: "f68b3c2dcbeaaa9fbdd348bbdeb94873",
          actual: actual)
      ) { try Downloader().fetch(source, into: folder) }
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
  }

  @Test func aPartFileIsResumedOrReplaced() throws {
    let shared = try #require(Fixtures.sharedMNIST)
    let server = try LoopbackServer(serving: shared)
    defer { server.stop() }
    var source = try Self.localSource(server, shared: shared)
    source.files = [source.files[3]]  // t10k-labels, 10,008 bytes raw, 4,542 gzipped
    let name = source.files[0].name
    let whole = try Fixtures.read(shared.appendingPathComponent(name))
    try Fixtures.withScratchFolder { (folder: URL) throws in
      let part = folder.appendingPathComponent(name + ".part")
      try Fixtures.write(Array(whole[0..<1_000]), to: part)
      let resumed = try Downloader().fetch(source, into: folder)
      #expect(resumed.first?.outcome == .resumed(fromByte: 1_000, bytes: whole.count))
      #expect(try Fixtures.read(folder.appendingPathComponent(name)) == whole)
      #expect(!FileManager.default.fileExists(atPath: part.path))

      try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
      try Fixtures.write([UInt8](repeating: 0xAB, count: 700), to: part)  // not a prefix
      let restarted = try Downloader().fetch(source, into: folder)
      #expect(restarted.first?.outcome == .downloaded(bytes: whole.count))
      #expect(try Fixtures.read(folder.appendingPathComponent(name)) == whole)
    }
  }

  @Test func aServerWithoutRangesSendsTheWholeFileAgain() throws {
    let shared = try #require(Fixtures.sharedMNIST)
    let server = try LoopbackServer(serving: shared, ranges: false)
    defer { server.stop() }
    var source = try Self.localSource(server, shared: shared)
    source.files = [source.files[3]]
    let name = source.files[0].name
    let whole = try Fixtures.read(shared.appendingPathComponent(name))
    try Fixtures.withScratchFolder { (folder: URL) throws in
      try Fixtures.write(Array(whole[0..<1_000]), to: folder.appendingPathComponent(name + ".part"))
      let reports = try Downloader().fetch(source, into: folder)
      #expect(reports.first?.outcome == .downloaded(bytes: whole.count))
      #expect(try Fixtures.read(folder.appendingPathComponent(name)) == whole)
    }
  }

  @Test func httpErrorsAndDeadServersAreNamed() throws {
    let shared = try #require(Fixtures.sharedMNIST)
    let server = try LoopbackServer(serving: shared)
    var source = DownloadSource.fashion
    source.baseURL = server.baseURL + "nothing-here"
    source.files = [source.files[0]]
    try Fixtures.withScratchFolder { (folder: URL) throws in
      #expect(
        throws: DownloadError.httpStatus(
          url: server.baseURL + "nothing-here/train-images-idx3-ubyte.gz", status: 404)
      ) { try Downloader().fetch(source, into: folder) }
      server.stop()
      source.baseURL = server.baseURL
      #expect {
        try Downloader(timeout: 5).fetch(source, into: folder)
      } throws: { error in
        guard case .transport(let url, _)? = error as? DownloadError else { return false }
        return url.hasPrefix("http://127.0.0.1:")
      }
      source.baseURL = "not a url"
      #expect(throws: DownloadError.badURL("not a url/train-images-idx3-ubyte.gz")) {
        try Downloader().fetch(source, into: folder)
      }
    }
  }

  @Test func onlyMNISTAndFashionAreDownloadable() throws {
    #expect(try DownloadSource.official(for: .fashion).files.count == 4)
    #expect(throws: DatasetOptionError.notDownloadable(dataset: "cifar10")) {
      try DownloadSource.official(for: .cifar10)
    }
  }
}
