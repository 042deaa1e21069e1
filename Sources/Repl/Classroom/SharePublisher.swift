import Foundation
import ModelFiles
import Rendering

#if canImport(Glibc)
  import Glibc
#endif

/// Publishes a session's screen on a Unix socket to any number of read-only watchers.
///
/// Producers (the session queue, the training monitor) call ``receive(_:)``: it only appends
/// the push to a list under a lock and returns, so the teacher never waits on a watcher. The
/// publisher's own thread encodes each push once, keeps the notebook log (every cell since the
/// start, for late joiners) and the newest value of every other pane, and serves each watcher
/// from a non-blocking socket:
/// - the log in order, in batches of at most ``batchBytes`` (a slow watcher holds one batch);
/// - then each changed pane at most ``Options/statesPerSecond`` times a second, newest value
///   only (a watcher that is behind or slow skips intermediate training frames);
/// - a watcher whose batch has not moved for ``Options/stallSeconds`` is disconnected.
///
/// The only thing a watcher may send is a fork request (its exact five bytes); a watcher that
/// sends any other byte is disconnected at once. Fork requests share one snapshot: requests
/// that arrive while `stateProvider` is taking one wait for it, and a request that arrives while
/// the newest snapshot is still being sent to some watcher gets that same snapshot. So at most
/// one encoded copy of the weights is held for all pending forks, however many watchers ask
/// and however slowly they read (a watcher that stops reading is dropped after
/// ``Options/stallSeconds``).
public final class SharePublisher: @unchecked Sendable {
  public struct Options: Sendable {
    public var statesPerSecond: Double
    public var stallSeconds: Double

    public init(statesPerSecond: Double = 5, stallSeconds: Double = 10) {
      self.statesPerSecond = statesPerSecond
      self.stallSeconds = stallSeconds
    }
  }

  /// Counters for the status and the tests.
  public struct Stats: Sendable, Equatable {
    public var watching = 0
    public var joined = 0
    public var disconnectedSlow = 0
    public var droppedTrainingFrames = 0
    /// Fork replies handed to watchers (each shares a snapshot).
    public var forks = 0
    /// Fork requests received (duplicates from a watcher already waiting excluded).
    public var forkRequests = 0
    /// Times `stateProvider` was asked for a snapshot.
    public var forkCaptures = 0
    /// Bytes of the distinct fork snapshots watchers still have to receive.
    public var pendingForkBytes = 0
    /// Watchers dropped for sending something that is not a fork request.
    public var disconnectedBadInput = 0
  }

  /// The answer to a fork request: the state, or why not.
  public typealias ForkReply = @Sendable (Result<ForkState, ForkRefusal>) -> Void
  public struct ForkRefusal: Error, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
  }

  static let batchBytes = 256 << 10
  /// The only bytes a watcher may send.
  static let forkRequestBytes = ShareFrame.forkRequest.encoded()

  public let name: String
  public let path: String
  private let options: Options
  private let stateProvider: @Sendable (@escaping ForkReply) -> Void
  private let listener: Int32
  private let lock = NSLock()
  private let finished = DispatchSemaphore(value: 0)

  // Shared with producers (under `lock`).
  private var pending: [ScreenPush] = []
  /// The snapshot `stateProvider` answered with, until the publisher's thread takes it.
  private var forkResult: ShareFrame?
  private var stopping = false
  private var started = false
  private var counters = Stats()

  // Publisher thread only.
  private var log: [[UInt8]] = []
  private var logBase = 0
  /// The newest push of each slot, encoded when a watcher first needs it (no watchers: no
  /// encoding at all).
  private var slots: [ShareSlot: (version: Int, push: ScreenPush, frame: [UInt8]?)] = [:]
  private var version = 0
  private var training: TrainingDisplay?
  private var trainingRun = 0
  private var trainingSerial = 0
  private var clients: [ShareClient] = []
  private var nextID = 1
  private var hello: [UInt8]
  /// Watchers waiting for the snapshot being taken; nil while none is being taken.
  private var forkWaiters: [Int]?
  /// The newest snapshot, alive only while some watcher is still receiving it (then a new
  /// request gets it too); weak, so the publisher itself never keeps a copy of the weights.
  private weak var latestFork: ForkSnapshot?

  /// Listens on `path` (see ``ShareSocket``); `group` lets that group's members connect.
  public init(
    name: String, path: String, group: gid_t? = nil, options: Options = Options(),
    stateProvider: @escaping @Sendable (@escaping ForkReply) -> Void
  ) throws(ShareError) {
    self.name = name
    self.path = path
    self.options = options
    self.stateProvider = stateProvider
    listener = try ShareSocket.listen(path: path, group: group)
    hello = ShareFrame.hello(ShareHello(name: name, version: CnnreplVersion.string)).encoded()
  }

  /// Starts the publisher's thread.
  public func start() {
    lock.withLock { started = true }
    let thread = Thread { [self] in
      // The thread's name for `top -H` and bench/share-bench.sh (Linux: /proc/thread-self).
      FileHandle(forWritingAtPath: "/proc/thread-self/comm")?.write(Data("cnnrepl.share".utf8))
      run()
      finished.signal()
    }
    thread.name = "cnnrepl.share"
    thread.start()
  }

  /// Closes every connection and removes the socket (waits at most a second for the thread).
  public func stop() {
    let (wasStarted, first) = lock.withLock { () -> (Bool, Bool) in
      defer { stopping = true }
      return (started, !stopping)
    }
    guard first else { return }
    if wasStarted {
      _ = finished.wait(timeout: .now() + 1)
    } else {
      close(listener)
      unlink(path)
    }
  }

  public var stats: Stats {
    lock.lock()
    defer { lock.unlock() }
    return counters
  }

  /// Takes one screen push (any thread; never blocks beyond a short lock).
  public func receive(_ push: ScreenPush) {
    lock.lock()
    pending.append(push)
    lock.unlock()
  }

  // MARK: - Publisher thread

  private func run() {
    defer {
      for client in clients { close(client.fd) }
      close(listener)
      unlink(path)
    }
    var fds: [pollfd] = []
    while true {
      lock.lock()
      let stop = stopping
      let pushes = pending
      pending = []
      let forkFrame = forkResult
      forkResult = nil
      lock.unlock()
      if stop { return }
      absorb(pushes)
      if let forkFrame { deliverFork(ForkSnapshot(forkFrame)) }
      let now = Date()
      for client in clients { fill(client, now: now) }

      fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
      for client in clients {
        let events = POLLIN | (client.hasAnythingPending ? POLLOUT : 0)
        fds.append(pollfd(fd: client.fd, events: Int16(events), revents: 0))
      }
      _ = poll(&fds, nfds_t(fds.count), 40)
      if fds[0].revents & Int16(POLLIN) != 0 { acceptAll() }
      var gone: Set<Int> = []
      for (index, client) in clients.enumerated() where index + 1 < fds.count {
        let revents = fds[index + 1].revents
        if revents & Int16(POLLIN) != 0, !read(client) { gone.insert(client.id) }
        if revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { gone.insert(client.id) }
        if !gone.contains(client.id), !flush(client) { gone.insert(client.id) }
        if client.hasAnythingPending,
          Date().timeIntervalSince(client.lastProgress) > options.stallSeconds
        {
          gone.insert(client.id)
          lock.lock()
          counters.disconnectedSlow += 1
          lock.unlock()
        }
      }
      if !gone.isEmpty { drop(gone) }
      countPendingForkBytes()
    }
  }

  /// Encodes new pushes: notebook operations into the log, the rest into their slots.
  private func absorb(_ pushes: [ScreenPush]) {
    for push in pushes {
      switch push {
      case .append, .output:
        log.append(ShareFrame.push(push).encoded())
      case .clear:
        // Nothing before a clear is ever shown again: late joiners start here.
        logBase += log.count
        log = [ShareFrame.push(push).encoded()]
      case .model:
        setSlot(.model, push)
      case .status:
        setSlot(.status, push)
      case .picture(_, let mode, _):
        setSlot(.picture(mode), push)
      case .training(let display):
        if let display, let old = training, isNewRun(display, after: old) { trainingRun += 1 }
        if display != nil, training == nil { trainingRun += 1 }
        training = display
        trainingSerial += 1
      }
    }
  }

  /// A display that does not extend `old`'s points belongs to a new training.
  private func isNewRun(_ new: TrainingDisplay, after old: TrainingDisplay) -> Bool {
    new.loss.count < old.loss.count || new.epochs != old.epochs
      || new.expectedPoints != old.expectedPoints
      || (!old.loss.isEmpty && new.loss.first != old.loss.first)
  }

  private func setSlot(_ slot: ShareSlot, _ push: ScreenPush) {
    version += 1
    slots[slot] = (version, push, nil)
  }

  /// Refills an empty outbox: the log first, then the changed slots and the training.
  private func fill(_ client: ShareClient, now: Date) {
    guard !client.hasAnythingPending else { return }
    client.outbox.removeAll(keepingCapacity: true)
    client.sent = 0
    client.logCursor = max(client.logCursor, logBase)
    while client.logCursor < logBase + log.count, client.outbox.count < Self.batchBytes {
      client.outbox += log[client.logCursor - logBase]
      client.logCursor += 1
    }
    let caughtUp = client.logCursor == logBase + log.count
    let due = now.timeIntervalSince(client.lastStates) >= 1 / options.statesPerSecond
    guard caughtUp, due else { return }
    var wrote = false
    for (slot, value) in slots where value.version > client.seen[slot] ?? 0 {
      let frame = value.frame ?? ShareFrame.push(value.push).encoded()
      if value.frame == nil { slots[slot]?.frame = frame }
      client.outbox += frame
      client.seen[slot] = value.version
      wrote = true
    }
    if trainingSerial > client.trainingSerial {
      let skipped = trainingSerial - client.trainingSerial - 1
      if skipped > 0, client.trainingSerial > 0 {
        client.dropped += skipped
        lock.lock()
        counters.droppedTrainingFrames += skipped
        lock.unlock()
      }
      let update = TrainingUpdate.delta(
        to: training, run: trainingRun, from: client.trainingRun, lossCount: client.lossCount,
        accuracyCount: client.accuracyCount)
      client.outbox += ShareFrame.training(update).encoded()
      client.trainingSerial = trainingSerial
      client.trainingRun = trainingRun
      client.lossCount = training?.loss.count ?? 0
      client.accuracyCount = training?.accuracy.count ?? 0
      wrote = true
    }
    if wrote { client.lastStates = now }
  }

  /// Sends what the socket takes now, the outbox then the fork reply; false when the watcher
  /// is gone.
  private func flush(_ client: ShareClient) -> Bool {
    while client.hasPending {
      guard let n = Self.send(client.fd, client.outbox, from: client.sent) else { return false }
      guard n > 0 else { return true }
      client.sent += n
      client.lastProgress = Date()
    }
    while let reply = client.forkReply {
      guard let n = Self.send(client.fd, reply.bytes, from: client.forkSent) else { return false }
      guard n > 0 else { return true }
      client.forkSent += n
      client.lastProgress = Date()
      if client.forkSent == reply.bytes.count {
        client.forkReply = nil
        client.forkSent = 0
      }
    }
    client.lastProgress = Date()
    return true
  }

  /// Bytes of `bytes` from `offset` the socket took (0: it is full now); nil on an error.
  private static func send(_ fd: Int32, _ bytes: [UInt8], from offset: Int) -> Int? {
    while true {
      let n = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return Glibc.send(
          fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
      }
      if n >= 0 { return n }
      if errno == EINTR { continue }
      return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : nil
    }
  }

  /// Reads what the watcher sent; false at end of file or on an error.
  private func read(_ client: ShareClient) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = buffer.withUnsafeMutableBytes {
      recv(client.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
    }
    if n < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR }
    if n == 0 { return false }
    client.inbox += buffer[0..<n]
    // Every byte must belong to a fork request, the only thing a watcher may send: a single
    // wrong byte (garbage, a typed command, another frame) disconnects it.
    let request = Self.forkRequestBytes
    while !client.inbox.isEmpty {
      let k = min(client.inbox.count, request.count)
      guard client.inbox.prefix(k).elementsEqual(request.prefix(k)) else {
        lock.withLock { counters.disconnectedBadInput += 1 }
        return false
      }
      guard k == request.count else { break }
      client.inbox.removeFirst(k)
      requestFork(for: client)
    }
    return true
  }

  /// Gives `client` the snapshot still being sent to others, else queues it for the next one
  /// (taking one unless one is being taken). A watcher already waiting or receiving one is
  /// not queued twice.
  private func requestFork(for client: ShareClient) {
    guard !client.forkWaiting, client.forkReply == nil else { return }
    lock.withLock { counters.forkRequests += 1 }
    if let latest = latestFork {
      give(latest, to: [client])
      return
    }
    client.forkWaiting = true
    if forkWaiters != nil {
      forkWaiters?.append(client.id)
      return
    }
    forkWaiters = [client.id]
    lock.withLock { counters.forkCaptures += 1 }
    stateProvider { [weak self] result in
      guard let self else { return }
      let frame: ShareFrame
      switch result {
      case .success(let state): frame = .forkState(state)
      case .failure(let refusal): frame = .forkRefused(refusal.reason)
      }
      lock.withLock { forkResult = frame }
    }
  }

  /// Hands a new snapshot to every watcher that waited for it.
  private func deliverFork(_ snapshot: ForkSnapshot) {
    let waiting = Set(forkWaiters ?? [])
    forkWaiters = nil
    latestFork = snapshot.isState ? snapshot : nil
    let receivers = clients.filter { waiting.contains($0.id) }
    for client in receivers { client.forkWaiting = false }
    give(snapshot, to: receivers)
  }

  /// Hands `snapshot` to `receivers`; the counters see the forks and the bytes held at once.
  private func give(_ snapshot: ForkSnapshot, to receivers: [ShareClient]) {
    for client in receivers {
      client.forkReply = snapshot
      client.forkSent = 0
    }
    let bytes = pendingForkBytes()
    lock.withLock {
      if snapshot.isState { counters.forks += receivers.count }
      counters.pendingForkBytes = bytes
    }
  }

  /// Publishes the bytes of the distinct snapshots watchers still hold.
  private func countPendingForkBytes() {
    let bytes = pendingForkBytes()
    lock.withLock { counters.pendingForkBytes = bytes }
  }

  /// The bytes of the distinct snapshots watchers still hold.
  private func pendingForkBytes() -> Int {
    var seen = Set<ObjectIdentifier>()
    var bytes = 0
    for client in clients {
      guard let reply = client.forkReply, seen.insert(ObjectIdentifier(reply)).inserted else {
        continue
      }
      bytes += reply.bytes.count
    }
    return bytes
  }

  private func acceptAll() {
    while true {
      let fd = accept(listener, nil, nil)
      guard fd >= 0 else { return }
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // not inherited by programs started later
      ShareSocket.setNonBlocking(fd)
      let client = ShareClient(id: nextID, fd: fd)
      nextID += 1
      client.outbox = hello
      client.logCursor = logBase
      clients.append(client)
      lock.lock()
      counters.joined += 1
      counters.watching = clients.count
      lock.unlock()
    }
  }

  private func drop(_ ids: Set<Int>) {
    for client in clients where ids.contains(client.id) { close(client.fd) }
    clients.removeAll { ids.contains($0.id) }
    lock.lock()
    counters.watching = clients.count
    lock.unlock()
  }
}
