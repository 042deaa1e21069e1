import Foundation
import Repl
import Rendering
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `cnnrepl --watch PATH --plain` (the real binary) against a publisher in this process, and
/// the command line's refusals.
@Suite(.serialized, .enabled(if: Executable.available, "needs the built cnnrepl"))
struct WatchFrontEndTests {
  @Test func plainWatcherPrintsTheNotebookAndTrainingUntilTheTeacherStops() throws {
    let path = Paths.temporaryFolder("share").appendingPathComponent("p.sock").path
    let publisher = try SharePublisher(name: "p", path: path, stateProvider: { _ in })
    publisher.start()
    publisher.receive(.append(NotebookCell(number: 1, command: "preset lenet5")))
    publisher.receive(.output([StyledLine("total params: 61,706")], cell: 1))
    publisher.receive(
      .training(
        TrainingDisplay(epoch: 1, epochs: 2, step: 5, stepsPerEpoch: 188, loss: [2.3, 2.1])))
    DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { publisher.stop() }
    let result = try Executable.run(["--watch", path, "--plain"])
    #expect(result.status == 0)
    #expect(
      result.output
        == """
        [1] preset lenet5
        total params: 61,706
        [training] training epoch 1/2 step 5/188 points 2
        p stopped sharing

        """)
  }

  @Test func commandLineRefusals() throws {
    let missing = try Executable.run(["--watch", "nobody-shares-this-name", "--plain"])
    #expect(missing.status == 1)
    #expect(missing.error.contains("no shared session `nobody-shares-this-name`"))
    let plain = try Executable.run(["--share", "--plain"])
    #expect(plain.status != 0)
    #expect(plain.error.contains("--share needs the full-screen UI"))
    let both = try Executable.run(["--share", "a", "--watch", "b"])
    #expect(both.error.contains("--share and --watch exclude each other"))
    let badName = try Executable.run(["--share", "../x", "--plain"])
    #expect(badName.error.contains("is not a share name"))
  }

  /// A watcher refuses a teacher that speaks another protocol version, before drawing.
  @Test func anotherProtocolVersionIsRefusedWithBothVersions() throws {
    let path = Paths.temporaryFolder("share").appendingPathComponent("v.sock").path
    let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(server) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, b) in path.utf8.enumerated() { raw[i] = b }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(server, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    #expect(bound == 0)
    #expect(listen(server, 1) == 0)
    let hello = ShareFrame.hello(ShareHello(protocolVersion: 99, name: "future", version: "9.9"))
      .encoded()
    DispatchQueue.global().async {
      let client = accept(server, nil, nil)
      _ = hello.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      Thread.sleep(forTimeInterval: 1)
      close(client)
    }
    #expect(throws: ShareError.versionMismatch(teacher: 99, watcher: ShareHello.currentProtocol, teacherVersion: "9.9")) {
      _ = try WatchFrontEnd(
        path: path, appearance: TUIFrontEnd.Appearance(), forkOptions: [], dataDirectory: nil)
    }
  }
}
