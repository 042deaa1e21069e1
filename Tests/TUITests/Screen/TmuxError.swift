/// tmux could not be started.
enum TmuxError: Error {
  case spawnFailed
}
