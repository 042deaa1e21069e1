import Classroom
import Foundation
import FrontEnds
import ModelFiles
import Rendering
import Repl
import ReplTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `cnnrepl --watch PATH --plain` (the real binary) against a publisher in this process, and
/// the command line's refusals.
@Suite(.serialized, .enabled(if: Executable.available, "needs the built cnnrepl"))
struct WatchFrontEndTests {
  /// Into a pipe, each line arrives as it is printed (it used to wait for a 4 KiB block or
  /// the end): the test reads the lines while the watcher still runs, then stops the teacher.
  @Test func plainWatcherPrintsTheNotebookAndTrainingLineByLineUntilTheTeacherStops() throws {
    let path = Paths.temporaryFolder("share").appendingPathComponent("p.sock").path
    let publisher = try SharePublisher(name: "p", path: path, stateProvider: { _ in })
    publisher.start()
    defer { publisher.stop() }
    publisher.receive(.append(NotebookCell(number: 1, command: "preset lenet5")))
    publisher.receive(.output([StyledLine("total params: 61,706")], cell: 1))
    publisher.receive(
      .training(
        TrainingDisplay(epoch: 1, epochs: 2, step: 5, stepsPerEpoch: 188, loss: [2.3, 2.1])))
    let watcher = try RunningWatcher(["--watch", path, "--plain"])
    let early = watcher.read(seconds: 20) { $0.contains("[training]") }
    #expect(early.contains("[training]"), "the lines arrived while the watcher runs: \(early)")
    publisher.stop()
    let (status, rest, _) = watcher.finish()
    let user = SharePeer.userName(of: getuid()) ?? "uid \(getuid())"
    #expect(status == 0)
    #expect(
      early + rest
        == """
        watching `p`, shared by you, \(user) (uid \(getuid()))
        [1] preset lenet5
        total params: 61,706
        [training] training epoch 1/2 step 5/188 points 2
        p stopped sharing

        """)
  }

  /// A teacher's cell carrying terminal escapes (retitle, clear screen) reaches every plain
  /// watcher shown, not obeyed.
  @Test func escapesInASharedCellAreShownNotObeyedByThePlainWatcher() throws {
    let path = Paths.temporaryFolder("share").appendingPathComponent("e.sock").path
    let publisher = try SharePublisher(name: "e", path: path, stateProvider: { _ in })
    publisher.start()
    defer { publisher.stop() }
    publisher.receive(.append(NotebookCell(number: 1, command: "# \u{1B}]0;pwned\u{07}\u{1B}[2J")))
    publisher.receive(.output([StyledLine("\u{9B}31mred")], cell: 1))
    let watcher = try RunningWatcher(["--watch", path, "--plain"])
    let early = watcher.read(seconds: 20) { $0.contains("red") }
    publisher.stop()
    let (_, rest, _) = watcher.finish()
    let text = early + rest
    #expect(text.contains("[1] # ^[]0;pwned^G^[[2J"), "\(text)")
    #expect(text.contains("<U+009B>31mred"), "\(text)")
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
  }

  /// The attack: a picture of 2^32 x 2^32 pixels made every watcher trap. Now the watcher
  /// says "bad frame from the share", leaves with status 1 and closes the connection itself
  /// (the fake teacher keeps its end open and sees the watcher go).
  @Test func aCraftedPictureFrameDisconnectsTheWatcherWithoutACrash() throws {
    let path = Paths.temporaryFolder("share").appendingPathComponent("b.sock").path
    let server = try Self.fakeTeacher(at: path)
    defer { close(server) }
    let frames =
      ShareFrame.hello(ShareHello(name: "b", version: CnnreplVersion.string)).encoded()
      + ShareFrame.push(.append(NotebookCell(number: 1, command: "before"))).encoded()
      + Self.prefixed(ShareFrameTests.picture(width: 1 << 32, height: 1 << 32))
    let sawTheWatcherLeave = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      let client = accept(server, nil, nil)
      _ = frames.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      var byte: UInt8 = 0
      while recv(client, &byte, 1, 0) > 0 {}  // until the watcher closes its end
      close(client)
      sawTheWatcherLeave.signal()
    }
    let result = try Executable.run(["--watch", path, "--plain"])
    #expect(result.status == 1, "an error, not a crash (\(result.status))")
    #expect(result.output.contains("[1] before"))
    #expect(result.error.contains("bad frame from the share"))
    #expect(result.error.contains("an image's width is 4294967296"))
    #expect(sawTheWatcherLeave.wait(timeout: .now() + 20) == .success)
  }

  static func prefixed(_ payload: [UInt8]) -> [UInt8] {
    let n = UInt32(payload.count)
    return (0..<4).map { UInt8(truncatingIfNeeded: n >> (24 - 8 * UInt32($0))) } + payload
  }

  /// A bare listening Unix socket at `path` (a fake teacher).
  static func fakeTeacher(at path: String) throws -> Int32 {
    let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
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
    guard bound == 0, Glibc.listen(server, 1) == 0 else {
      close(server)
      throw CocoaError(.fileWriteUnknown)
    }
    return server
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
    #expect(
      throws: ShareError.versionMismatch(
        teacher: 99, watcher: ShareHello.currentProtocol, teacherVersion: "9.9")
    ) {
      _ = try WatchFrontEnd(
        path: path, appearance: TUIFrontEnd.Appearance(), forkOptions: [], dataDirectory: nil)
    }
  }
}

/// The built cnnrepl running with its standard output in a pipe, read while it runs.
private final class RunningWatcher {
  let process = Process()
  let output = Pipe()
  let errors = Pipe()

  init(_ arguments: [String]) throws {
    guard let url = Executable.url else { throw CocoaError(.executableNotLoadable) }
    process.executableURL = url
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = Paths.temporaryFolder("cnnrepl-home").path
    environment["NO_COLOR"] = "1"
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = errors
    try process.run()
  }

  /// What arrived on standard output until `condition` holds or `seconds` pass (the
  /// process keeps running).
  func read(seconds: Double, until condition: (String) -> Bool) -> String {
    let fd = output.fileHandleForReading.fileDescriptor
    let deadline = Date().addingTimeInterval(seconds)
    var bytes: [UInt8] = []
    while !condition(String(decoding: bytes, as: UTF8.self)), Date() < deadline {
      var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&ready, 1, 100) > 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Waits for the end: the status, the rest of standard output, standard error.
  func finish() -> (Int32, String, String) {
    let rest = output.fileHandleForReading.readDataToEndOfFile()
    let error = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: rest, as: UTF8.self),
      String(decoding: error, as: UTF8.self)
    )
  }
}
