/// How a session runs its commands.
public enum SessionMode: Sendable, Hashable {
  /// A person at the prompt (line mode or the TUI): no echo, training in the background.
  case interactive
  /// `cnnrepl run`: every script line is echoed, `train` blocks, transcripts are deterministic.
  case batch
  /// `cnnrepl check`: parse and shape-check only; data, training and pictures are skipped.
  case check
}
