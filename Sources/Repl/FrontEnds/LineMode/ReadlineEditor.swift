import CReadline
import CReadlineSupport
import Foundation
import Repl

/// GNU readline for line mode, with history, completion and Ctrl-C.
///
/// Prompt, history file, Tab completion from ``Completer`` and Ctrl-C clearing the typed
/// line. All calls on the UI (main) thread.
public final class ReadlineEditor {
  public let historyPath: String?
  private var lastLine: String?
  /// Called about ten times a second while readline waits for a key (see ``setIdleHandler(_:)``).
  private var idleHandler: (() -> Void)?
  /// Most lines kept in the history file.
  public static let historyLimit: Int32 = 1000

  /// `historyPath` nil keeps history in memory only.
  public init(historyPath: String?) {
    // A link at the history's name (planted by someone else, or not) is never written through.
    var info = stat()
    let isLink = historyPath.map { lstat($0, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK } ?? false
    self.historyPath = isLink ? nil : historyPath
    cnn_rl_set_readline_name("cnnrepl")
    cnn_rl_set_completer_word_break_characters(ReadlineEditor.wordBreakPointer)
    cnn_rl_set_attempted_completion_function(readlineCompletion)
    cnn_install_sigint_clear_line()
    // Ctrl-\ (SIGQUIT) ends line mode as a shell expects: readline restores the terminal, then
    // the default action. (Swift's crash backtracer would otherwise take it as a crash, print
    // a backtrace and leave the program running.)
    signal(SIGQUIT, SIG_DFL)
    cnn_rl_hook_context().pointee = Unmanaged.passUnretained(self).toOpaque()
    stifle_history(Self.historyLimit)
    if let historyPath = self.historyPath {
      // Private (0600), created without following a link planted at its name; an existing
      // history of this user's is made private too.
      let fd = open(historyPath, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
      if fd >= 0 {
        var info = stat()
        if fstat(fd, &info) == 0, info.st_uid == getuid() { fchmod(fd, 0o600) }
        close(fd)
      }
      read_history(historyPath)
    }
  }

  /// Word boundaries for completion: spaces, and `=` so option values complete on their own.
  private static let wordBreaks: StaticString = " \t\n="
  private static var wordBreakPointer: UnsafePointer<CChar> {
    UnsafeRawPointer(wordBreaks.utf8Start).assumingMemoryBound(to: CChar.self)
  }

  /// Reads one line; nil on Ctrl-D (end of input).
  public func readLine(prompt: String) -> String? {
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    let line = String(cString: raw)
    remember(line)
    return line
  }

  /// Adds a non-blank line to the history (skipping an immediate repeat) and the file.
  private func remember(_ line: String) {
    guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
    guard line != lastLine else { return }
    lastLine = line
    add_history(line)
    if let historyPath {
      append_history(1, historyPath)
      history_truncate_file(historyPath, Self.historyLimit)
    }
  }

  deinit {
    cnn_rl_set_event_hook(nil)
    cnn_rl_hook_context().pointee = nil
  }

  /// True once if Ctrl-C was pressed since the last call (for stopping a training); the flag
  /// is CReadlineSupport's single copy.
  public func takeInterrupt() -> Bool { cnn_take_interrupt() != 0 }

  /// Runs `handler` about ten times a second while the prompt waits for a key.
  ///
  /// It runs on this (the UI) thread: the place to drain training events into ``printAbovePrompt(_:)`` and
  /// ``setPrompt(_:)``. nil stops it.
  public func setIdleHandler(_ handler: (() -> Void)?) {
    idleHandler = handler
    cnn_rl_set_event_hook(handler == nil ? nil : readlineIdleHook)
  }

  /// Prints lines above the prompt while the user is typing, then redraws the prompt and the
  /// partly typed line (only from the idle handler, while readline is active).
  public func printAbovePrompt(_ lines: [String]) {
    guard !lines.isEmpty else { return }
    cnn_rl_print_above(lines.map { $0 + "\n" }.joined())
  }

  /// Gives the terminal back the settings readline found (a no-op when readline is not
  /// reading): for leaving on a signal from another thread while the main one waits in
  /// ``readLine(prompt:)``, just before the process exits.
  public static func releaseTerminal() { rl_deprep_terminal() }

  /// Changes the prompt in place (a one-line progress display: `[epoch 1 42%] cnn> `).
  public func setPrompt(_ prompt: String) { cnn_rl_set_prompt_now(prompt) }

  fileprivate func idle() { idleHandler?() }
}

/// readline's event hook: finds the editor through the shim's context pointer.
private func readlineIdleHook() -> Int32 {
  guard let context = cnn_rl_hook_context().pointee else { return 0 }
  Unmanaged<ReadlineEditor>.fromOpaque(context).takeUnretainedValue().idle()
  return 0
}

/// readline's attempted-completion hook: asks ``Completer`` and returns readline's match array
/// (`[common prefix, match…, NULL]`, malloc'd, freed by readline).
private func readlineCompletion(
  _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  cnn_rl_set_attempted_completion_over(1)
  guard let text, let buffer = cnn_rl_line_buffer() else { return nil }
  let bytes = Array(
    UnsafeBufferPointer(
      start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(start)))
  let before = String(decoding: bytes, as: UTF8.self)
  let word = String(cString: text)
  let matches = Completer.candidates(before: before, word: word)
  guard !matches.isEmpty else { return nil }
  if matches.count == 1, let only = matches.first, only.hasSuffix("=") || only.hasSuffix("/") {
    cnn_rl_set_completion_append_character(0)
  } else {
    cnn_rl_set_completion_append_character(32)
  }
  let common = matches.dropFirst().reduce(matches[0]) { prefix, match in
    String(zip(prefix, match).prefix { $0 == $1 }.map(\.0))
  }
  // readline frees the array and its strings with free(), so both come from malloc.
  guard let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (matches.count + 2))
  else { return nil }
  let list = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: matches.count + 2)
  list[0] = strdup(matches.count == 1 ? matches[0] : (common.count >= word.count ? common : word))
  for (i, match) in matches.enumerated() where matches.count > 1 { list[i + 1] = strdup(match) }
  list[matches.count == 1 ? 1 : matches.count + 1] = nil
  return list
}
