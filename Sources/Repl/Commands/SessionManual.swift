/// The session language as a man page, `cnnrepl-session(7)`: the same text as `help` and
/// `help CMD`, generated from ``CommandRegistry`` only, so it cannot drift from the commands.
///
/// Written in plain man(7) macros: a section per command category (as `help` groups them), a
/// subsection per command with its `help CMD` lines kept as they are (`.nf`).
public enum SessionManual {
  /// The page, dated `date` (`YYYY-MM-DD`) for its title line.
  public static func page(version: String, date: String) -> String {
    var out = [
      ".TH CNNREPL-SESSION 7 \(quoted(date)) \(quoted("cnnrepl \(version)")) \(quoted("cnnrepl manual"))",
      ".SH NAME",
      "cnnrepl-session \\- the command language of cnnrepl sessions and .cnn scripts",
      ".SH DESCRIPTION",
      "A session is a list of commands, one per line, typed at the prompt or read from a",
      ".I .cnn",
      "script. Each command builds or edits the network, loads data, trains, or looks inside;",
      "the new shape, parameter count and cost show after every layer.",
      "Words are separated by spaces, options are",
      ".IR key = value ,",
      "and",
      ".B #",
      "starts a comment. The same text is in the program: type",
      ".B help",
      "or",
      ".BR \"help conv\" .",
      ".SH OVERVIEW",
      ".nf",
    ]
    out += HelpText.overview().map(escaped)
    out.append(".fi")
    for category in CommandCategory.allCases {
      let specs = CommandRegistry.all.filter { $0.category == category }
      guard !specs.isEmpty else { continue }
      out.append(".SH \(quoted(category.rawValue.uppercased()))")
      for spec in specs {
        out.append(".SS \(quoted(spec.name))")
        out.append(".nf")
        out += HelpText.details(spec).map(escaped)
        out.append(".fi")
      }
    }
    out += [".SH SEE ALSO", ".BR cnnrepl (1)"]
    return out.joined(separator: "\n") + "\n"
  }

  /// A line of text for roff: backslashes doubled as `\e`, and a leading `.` or `'` (which
  /// roff would take for a request) protected with `\&`.
  static func escaped(_ line: String) -> String {
    let text = line.replacingOccurrences(of: "\\", with: "\\e")
    return text.hasPrefix(".") || text.hasPrefix("'") ? "\\&" + text : text
  }

  /// A macro argument in double quotes (a `"` inside becomes `\(dq`).
  static func quoted(_ text: String) -> String {
    "\"" + escaped(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
  }
}
