import ArgumentParser

/// `cnnrepl --help`: ArgumentParser's root help (abstract, examples, subcommands), then the
/// options of the default interactive session, which would otherwise show only under
/// `cnnrepl help interactive`.
enum RootHelp {
  /// Whether `arguments` (without the program name) ask for the root help.
  static func isAsked(_ arguments: [String]) -> Bool {
    arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"]
  }

  /// The whole text, `columns` wide.
  static func text(columns: Int? = nil) -> String {
    let root = CnnreplCommand.helpMessage(columns: columns)
    let interactive = CnnreplCommand.helpMessage(for: InteractiveCommand.self, columns: columns)
    var lines: [String] = []
    var inOptions = false
    for line in interactive.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("OPTIONS:") {
        inOptions = true
        lines.append("INTERACTIVE OPTIONS (cnnrepl [<options>] [<file>]; see `cnnrepl help run`):")
        continue
      }
      if inOptions { lines.append(String(line)) }
    }
    while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
    return root.trimmingCharacters(in: .newlines) + "\n\n" + lines.joined(separator: "\n") + "\n"
  }
}
