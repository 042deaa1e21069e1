import Classroom
import Foundation
import Rendering
import Repl
import ReplTestSupport
import Testing

/// The publisher with real Unix sockets: late joiners get the whole notebook, a slow watcher
/// skips training frames but never holds the teacher up, a stalled one is dropped, a watcher
/// cannot send anything but a fork request.
@Suite(.serialized)
struct SharePublisherTests {
  static func publisher(
    stall: Double = 10, state: ForkState? = nil
  ) throws -> (SharePublisher, String) {
    let folder = Paths.temporaryFolder("share")
    let path = folder.appendingPathComponent("t.sock").path
    let publisher = try SharePublisher(
      name: "t", path: path, options: .init(statesPerSecond: 50, stallSeconds: stall),
      stateProvider: { reply in
        if let state { reply(.success(state)) } else { reply(.failure(.init("no state"))) }
      })
    publisher.start()
    return (publisher, path)
  }

  static func display(points: Int) -> TrainingDisplay {
    TrainingDisplay(
      epoch: 1, epochs: 1, step: points, stepsPerEpoch: 100_000,
      loss: (0..<points).map { 2 - Double($0) / 100_000 }, expectedPoints: 100_000)
  }

  static func cells(_ frames: [ShareFrame]) -> [Int] {
    frames.compactMap { (frame) -> Int? in
      guard case .push(.append(let c)) = frame else { return nil }
      return c.number
    }
  }

  @Test func aLateJoinerGetsTheWholeNotebookThenTheLatestPanes() throws {
    let (publisher, path) = try Self.publisher()
    defer { publisher.stop() }
    for n in 1...50 {
      publisher.receive(.append(NotebookCell(number: n, command: "conv \(n) 3")))
      publisher.receive(.output([StyledLine("out \(n)")], cell: n))
      publisher.receive(
        .model(ModelView(table: TextTable(columns: [], rows: []), totals: ["model after \(n)"])))
    }
    publisher.receive(.training(Self.display(points: 300)))
    Thread.sleep(forTimeInterval: 0.2)
    let late = try ShareTestWatcher(path: path)
    let frames = try late.read { frames in
      frames.contains {
        guard case .training = $0 else { return false }
        return true
      }
    }
    guard case .hello(let hello)? = frames.first else {
      Issue.record("no hello first")
      return
    }
    #expect(hello.name == "t" && hello.protocolVersion == ShareHello.currentProtocol)
    #expect(Self.cells(frames) == Array(1...50), "every cell, in order")
    let models = frames.compactMap { (frame) -> [String]? in
      guard case .push(.model(let view)) = frame else { return nil }
      return view.totals
    }
    #expect(models == [["model after 50"]], "only the latest model pane")
    let training = frames.compactMap { (frame) -> TrainingUpdate? in
      guard case .training(let u) = frame else { return nil }
      return u
    }
    #expect(training.first?.display?.loss.count == 300)
  }

  @Test func aClearStartsTheLogAnew() throws {
    let (publisher, path) = try Self.publisher()
    defer { publisher.stop() }
    publisher.receive(.append(NotebookCell(number: 1, command: "old")))
    publisher.receive(.clear)
    publisher.receive(.append(NotebookCell(number: 2, command: "new")))
    Thread.sleep(forTimeInterval: 0.1)
    let frames = try ShareTestWatcher(path: path).read { Self.cells($0) == [2] }
    #expect(Self.cells(frames) == [2])
    #expect(frames.contains(.push(.clear)))
  }

  @Test func aSlowWatcherSkipsTrainingFramesAndTheTeacherNeverWaits() throws {
    let (publisher, path) = try Self.publisher()
    defer { publisher.stop() }
    let slow = try ShareTestWatcher(path: path)
    let steady = try ShareTestWatcher(path: path)
    // 5,000 training pushes and 2,000 cells while `slow` reads nothing: every `receive`
    // returns (the loop would hang here if the teacher waited on a socket).
    for step in 1...5_000 {
      publisher.receive(.training(Self.display(points: step)))
      if step % 5 == 0 {
        publisher.receive(
          .append(NotebookCell(number: step / 5, command: String(repeating: "x", count: 200))))
      }
    }
    let final = try slow.read(seconds: 20) { frames in
      frames.contains {
        guard case .training(let u) = $0 else { return false }
        return u.display?.step == 5_000
      }
    }
    #expect(Self.cells(final) == Array(1...1_000), "the notebook is never dropped")
    let updates = final.compactMap { (frame) -> TrainingUpdate? in
      guard case .training(let u) = frame else { return nil }
      return u
    }
    #expect(updates.count < 5_000, "intermediate training frames were dropped")
    var rebuilt: TrainingDisplay?
    var run = -1
    for u in updates {
      rebuilt = u.applied(to: rebuilt, previousRun: run)
      run = u.run
    }
    #expect(rebuilt == Self.display(points: 5_000), "the deltas add up to the teacher's display")
    #expect(publisher.stats.droppedTrainingFrames > 0)
    let other = try steady.read(seconds: 20) { Self.cells($0).last == 1_000 }
    #expect(Self.cells(other).count == 1_000)
  }

  @Test func aStalledWatcherIsDisconnectedAndOthersGoOn() throws {
    let (publisher, path) = try Self.publisher(stall: 0.5)
    defer { publisher.stop() }
    let stalled = try ShareTestWatcher(path: path)
    let live = try ShareTestWatcher(path: path)
    // Far more than a socket buffer of notebook text: the stalled watcher's batch cannot move.
    let line = StyledLine(String(repeating: "y", count: 1000))
    for n in 1...3_000 {
      publisher.receive(.append(NotebookCell(number: n, command: "c", output: [line])))
    }
    let frames = try live.read(seconds: 20) { Self.cells($0).last == 3_000 }
    #expect(Self.cells(frames).count == 3_000)
    Thread.sleep(forTimeInterval: 1.5)
    #expect(publisher.stats.disconnectedSlow == 1)
    #expect(publisher.stats.watching == 1)
    _ = stalled
  }

  @Test func aWatcherCannotSendCommands() throws {
    let (publisher, path) = try Self.publisher()
    defer { publisher.stop() }
    let rogue = try ShareTestWatcher(path: path)
    let student = try ShareTestWatcher(path: path)
    #expect(rogue.send(Array("train epochs=100\n".utf8)))
    #expect(rogue.isClosed(within: 3), "a watcher that sends anything but frames is dropped")
    publisher.receive(.append(NotebookCell(number: 1, command: "teacher goes on")))
    let frames = try student.read { Self.cells($0) == [1] }
    #expect(Self.cells(frames) == [1])
  }

  @Test func aForkRequestGetsTheStateOrAReason() throws {
    let state = ForkState(
      script: "seed 1\n", weights: [1, 2, 3], dataDirectory: nil, workingDirectory: "/",
      trainCommands: [])
    let (publisher, path) = try Self.publisher(state: state)
    defer { publisher.stop() }
    let student = try ShareTestWatcher(path: path)
    #expect(student.send(ShareFrame.forkRequest.encoded()))
    let frames = try student.read { $0.contains(.forkState(state)) }
    #expect(frames.contains(.forkState(state)))
    #expect(publisher.stats.forks == 1)

    let (refusing, otherPath) = try Self.publisher(state: nil)
    defer { refusing.stop() }
    let other = try ShareTestWatcher(path: otherPath)
    #expect(other.send(ShareFrame.forkRequest.encoded()))
    #expect(
      try other.read { $0.contains(.forkRefused("no state")) }.contains(.forkRefused("no state")))
  }

  /// Polls `condition` until it holds or `seconds` pass (a state to wait for, not a delay).
  static func eventually(seconds: Double = 20, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
      guard Date() < deadline else { return false }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return true
  }

  /// The README says a watcher sending anything but a fork request is disconnected; garbage
  /// under 1,024 bytes used to be ignored. Now every wrong byte disconnects, short or long.
  @Test func watcherGarbageOfAnySizeDisconnects() throws {
    let (publisher, path) = try Self.publisher()
    defer { publisher.stop() }
    let garbage: [[UInt8]] = [
      [0, 0, 0, 3, 9, 9, 9],  // a short frame that is not a fork request
      Array("hi".utf8),  // two bytes: not even a length prefix
      ShareFrame.forkRequest.encoded() + [7],  // a good request, then a stray byte
      ShareFrame.forkRefused("x").encoded(),  // a teacher's frame from a watcher
    ]
    let rogues = try garbage.map { _ in try ShareTestWatcher(path: path) }
    defer { withExtendedLifetime(rogues) {} }
    let student = try ShareTestWatcher(path: path)
    for (rogue, bytes) in zip(rogues, garbage) {
      #expect(rogue.send(bytes))
      #expect(rogue.isClosed(within: 10), "\(bytes) disconnects")
    }
    #expect(Self.eventually { publisher.stats.disconnectedBadInput == garbage.count })
    #expect(student.send(ShareFrame.forkRequest.encoded()))
    let frames = try student.read { $0.contains(.forkRefused("no state")) }
    #expect(frames.contains(.forkRefused("no state")), "a real request is still answered")
    #expect(publisher.stats.disconnectedBadInput == garbage.count)
  }

  /// The attack: 50 watchers each sent one fork request and never read; the teacher took a
  /// weights copy per request (136 MB to 3.17 GB). Now the requests share one snapshot: one
  /// capture, one encoded copy held for all of them, whatever they read.
  @Test func fiftyForkRequestsThatNeverReadShareOneSnapshot() throws {
    let state = ForkState(
      script: "seed 1\n", weights: [UInt8](repeating: 7, count: 4 << 20), dataDirectory: nil,
      workingDirectory: "/", trainCommands: [])
    let frameSize = ShareFrame.forkState(state).encoded().count
    let held = HeldReply()
    let path = Paths.temporaryFolder("share").appendingPathComponent("f.sock").path
    let publisher = try SharePublisher(
      name: "f", path: path, options: .init(statesPerSecond: 50, stallSeconds: 600),
      stateProvider: { held.hold($0) })
    publisher.start()
    defer { publisher.stop() }
    let silent = try (0..<50).map { _ in try ShareTestWatcher(path: path) }
    // Kept open to the end (release builds end a value's life at its last use).
    defer { withExtendedLifetime(silent) {} }
    for watcher in silent { #expect(watcher.send(ShareFrame.forkRequest.encoded())) }
    #expect(Self.eventually { publisher.stats.forkRequests == 50 }, "all 50 requests arrived")
    #expect(publisher.stats.forkCaptures == 1, "one capture for requests that arrive meanwhile")
    held.reply(.success(state))
    #expect(Self.eventually { publisher.stats.forks == 50 }, "\(publisher.stats)")
    #expect(publisher.stats.pendingForkBytes > 0, "none of them read: the copy is pending")
    #expect(publisher.stats.pendingForkBytes <= frameSize, "one copy for all 50, not 50 copies")
    // A late request while the snapshot is still on its way gets the same one.
    let late = try ShareTestWatcher(path: path)
    #expect(late.send(ShareFrame.forkRequest.encoded()))
    #expect(Self.eventually { publisher.stats.forks == 51 })
    #expect(publisher.stats.forkCaptures == 1)
    #expect(publisher.stats.pendingForkBytes <= frameSize)
    // And it is the whole state.
    let frames = try late.read(seconds: 30) { $0.contains(.forkState(state)) }
    #expect(frames.contains(.forkState(state)) == true, "the late watcher got the whole state")
  }

  @Test func stopRemovesTheSocketAndASecondTeacherCannotTakeALiveName() throws {
    let (publisher, path) = try Self.publisher()
    #expect(throws: ShareError.nameInUse(name: "t", path: path)) {
      _ = try SharePublisher(name: "t", path: path, stateProvider: { _ in })
    }
    publisher.stop()
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}

/// Holds the publisher's fork reply until the test answers (the requests meanwhile queue).
private final class HeldReply: @unchecked Sendable {
  private let lock = NSLock()
  private var replies: [SharePublisher.ForkReply] = []

  func hold(_ reply: @escaping SharePublisher.ForkReply) { lock.withLock { replies.append(reply) } }

  func reply(_ result: Result<ForkState, SharePublisher.ForkRefusal>) {
    for reply in lock.withLock({ replies }) { reply(result) }
  }
}
