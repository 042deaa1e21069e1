/// A session transcript as a Markdown notebook: comments become prose, and each command with
/// its output shares one fenced `text` block.
public enum MarkdownTranscript {
  public static func render(_ entries: [TranscriptEntry], title: String = "cnnrepl session")
    -> String
  {
    var lines = ["# \(title)", ""]
    for entry in entries {
      switch entry.kind {
      case .comment(let text):
        // Consecutive comment lines form one paragraph; a bare `#` breaks it.
        let prose = text.drop(while: { $0 == "#" }).drop(while: { $0 == " " })
        if prose.isEmpty, lines.last == "" { continue }
        lines.append(String(prose))
      case .command(let command):
        if lines.last != "" { lines.append("") }
        lines.append("```text")
        lines.append("> " + command)
        lines += entry.events.flatMap { TranscriptRenderer.lines(for: $0) }
        lines.append("```")
        lines.append("")
      }
    }
    while lines.last == "" { lines.removeLast() }
    return lines.map { $0 + "\n" }.joined()
  }
}
