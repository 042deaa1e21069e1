import Core
import Dispatch
import Foundation

/// Ends a line-mode or batch cnnrepl on a signal without a crash: the training stops between
/// two batches and its thread is joined, the terminal gets its settings back, and the process
/// leaves with `128 + signal`.
///
/// The signals only set off a handler on a queue of its own (a `DispatchSource` per signal,
/// their default actions ignored meanwhile), so the main thread may be anywhere: in readline,
/// waiting for a step key, or inside a command. The handler leaves with `_exit`: exit-time
/// destructors would free OpenBLAS's buffers under a command still computing on the main
/// thread (see DECISIONS.md "Leaving is always clean"). The journal needs nothing at exit
/// (every line is on the disk before it runs), and standard output is flushed first.
///
/// With `interruptStopsTraining`, SIGINT during a training only stops it (a demo goes on);
/// otherwise SIGINT leaves too. A second signal of the same kind while leaving takes its
/// default action at once.
public final class LeaveOnSignal: @unchecked Sendable {
  private let trainer: Trainer
  private let signals: [Int32]
  private let interruptStopsTraining: Bool
  private let announce: Bool
  private let queue = DispatchQueue(label: "cnnrepl.leave-on-signal")
  private var sources: [any DispatchSourceSignal] = []
  /// The signals watched (those not ignored when ``start()`` ran).
  private var watched: [Int32] = []
  /// The terminal's settings when ``start()`` ran (stdin a terminal), put back when leaving.
  private var savedTerminal: termios?
  /// Runs on the handler's queue just before leaving, after the training is joined (line
  /// mode puts readline's terminal state back there).
  private let beforeLeaving: @Sendable () -> Void

  /// `announce` writes `cnnrepl: stopped by SIGTERM` to standard error when leaving (batch).
  public init(
    trainer: Trainer, signals: [Int32] = [SIGTERM, SIGHUP], interruptStopsTraining: Bool = false,
    announce: Bool = false, beforeLeaving: @escaping @Sendable () -> Void = {}
  ) {
    self.trainer = trainer
    self.signals = signals
    self.interruptStopsTraining = interruptStopsTraining
    self.announce = announce
    self.beforeLeaving = beforeLeaving
  }

  /// Starts watching (call once, on the main thread, before anything runs). The watcher then
  /// lives until ``stop()``, held by its signal sources.
  public func start() {
    var settings = termios()
    if isatty(STDIN_FILENO) != 0, tcgetattr(STDIN_FILENO, &settings) == 0 {
      savedTerminal = settings
    }
    for number in signals {
      // A signal ignored from the start stays ignored (`nohup`, `&` in a script).
      guard !Self.isIgnored(signal(number, SIG_IGN)) else { continue }
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      // The handler keeps this watcher alive until stop(): callers may drop their reference.
      source.setEventHandler { self.received(number) }
      source.resume()
      sources.append(source)
      watched.append(number)
    }
  }

  /// Stops watching; the default actions are back.
  public func stop() {
    for source in sources { source.cancel() }
    sources.removeAll()
    for number in watched { signal(number, SIG_DFL) }
    watched.removeAll()
  }

  private static func isIgnored(_ handler: __sighandler_t?) -> Bool {
    guard let handler else { return false }
    return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
  }

  private func received(_ number: Int32) {
    if number == SIGINT, interruptStopsTraining, trainer.isRunning {
      trainer.stop()
      return
    }
    leave(number)
  }

  private func leave(_ number: Int32) -> Never {
    signal(number, SIG_DFL)  // a second one (a stuck join) ends the process at once
    trainer.stopAndJoin()
    beforeLeaving()
    if var settings = savedTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &settings) }
    fflush(nil)  // every output stream
    if announce {
      let name = Self.names[number].map { "SIG\($0)" } ?? "signal \(number)"
      StandardStreams.write("cnnrepl: stopped by \(name)\n", to: .error)
    }
    _exit(128 + number)
  }

  private static let names: [Int32: String] = [SIGINT: "INT", SIGTERM: "TERM", SIGHUP: "HUP"]
}
