import CReadline
import Repl

/// Tab completion for the TUI's input line, from ``Completer``.
///
/// The TUI replaces the whitespace-delimited word ending at the cursor with a candidate, so an
/// option value (`pad=sa`) is completed as the whole word (`pad=same`).
public enum TUICompletion {
  /// Candidates for the word ending at `cursor` (a Character offset into `line`).
  public static func candidates(
    line: String, cursor: Int,
    listDirectory: Completer.DirectoryLister = Completer.listDirectory
  ) -> [String] {
    let prefix = String(line.prefix(max(0, cursor)))
    let start =
      prefix.lastIndex(where: { $0 == " " || $0 == "\t" }).map { prefix.index(after: $0) }
      ?? prefix.startIndex
    let before = String(prefix[..<start])
    let word = String(prefix[start...])
    if let equals = word.lastIndex(of: "=") {
      let key = String(word[...equals])
      let value = String(word[word.index(after: equals)...])
      return Completer.candidates(before: before + key, word: value, listDirectory: listDirectory)
        .map { key + $0 }
    }
    return Completer.candidates(before: before, word: word, listDirectory: listDirectory)
  }

  /// Tells readline not to add a space after a lone `key=` or `folder/` candidate (the TUI's
  /// completion callback runs on the UI thread, inside readline's completion, where this is
  /// allowed).
  static func setAppendCharacter(for candidates: [String]) {
    let open =
      candidates.count == 1 && (candidates[0].hasSuffix("=") || candidates[0].hasSuffix("/"))
    cnn_rl_set_completion_append_character(open ? 0 : 32)
  }
}
