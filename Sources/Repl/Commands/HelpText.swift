import Core

/// `help` and `help CMD` text, generated from ``CommandRegistry`` only.
public enum HelpText {
  /// Width of the name column in the overview.
  static let nameWidth = 18

  /// Every command by category: name and one-line abstract.
  public static func overview() -> [String] {
    var lines: [String] = []
    for category in CommandCategory.allCases {
      let specs = CommandRegistry.all.filter { $0.category == category }
      guard !specs.isEmpty else { continue }
      if !lines.isEmpty { lines.append("") }
      lines.append(category.rawValue)
      for spec in specs {
        let name = spec.name.count < nameWidth ? spec.name.padding(nameWidth) : spec.name + " "
        lines.append("  " + name + spec.abstract)
      }
    }
    lines.append("")
    lines.append("`help CMD` shows a command's arguments, e.g. `help conv`. ACT is an activation:")
    lines.append(
      "  " + Activation.names.joined(separator: ", ") + ". Sizes are HxWxC; `#` starts a comment.")
    return lines
  }

  /// Usage, abstract, each argument and option with its range and default, notes, examples.
  public static func details(_ spec: CommandSpec) -> [String] {
    var lines = usage(spec) + [spec.abstract]
    let keyWidth =
      max(
        10,
        (spec.arguments.map(\.name.count)
          + spec.options.map { $0.key.count + $0.placeholder.count + 1 }).max() ?? 0) + 2
    if !spec.arguments.isEmpty {
      lines.append("arguments:")
      for argument in spec.arguments {
        let optional = argument.isOptional ? " (optional)" : ""
        lines.append("  " + argument.name.padding(keyWidth) + argument.help + optional)
        lines.append("  " + "".padding(keyWidth) + argument.kind.expectation)
      }
    }
    if !spec.options.isEmpty || spec.takesActivation {
      lines.append("options:")
      for option in spec.options {
        let key = "\(option.key)=\(option.placeholder)"
        let fallback = option.defaultText.map { " (default \($0))" } ?? ""
        lines.append("  " + key.padding(keyWidth) + option.help + fallback)
        lines.append("  " + "".padding(keyWidth) + option.kind.expectation)
      }
      if spec.takesActivation {
        lines.append(
          "  " + "ACT".padding(keyWidth) + "activation inside the layer: "
            + Activation.names.joined(separator: ", "))
      }
    }
    if spec.placesLayer {
      if spec.options.isEmpty && !spec.takesActivation { lines.append("options:") }
      lines.append("  " + "from=N".padding(keyWidth) + OptionSpec.readFrom.help)
    }
    if !spec.discussion.isEmpty {
      lines.append("notes:")
      lines += spec.discussion.map { "  " + $0 }
    }
    if !spec.examples.isEmpty {
      lines.append("examples:")
      lines += spec.examples.map { "  " + $0 }
    }
    return lines
  }
}

extension HelpText {
  /// `usage: …`, broken before an `[option]` that would pass `width` columns; the next lines
  /// start under the command name.
  static func usage(_ spec: CommandSpec, width: Int = 80) -> [String] {
    let indent = String(repeating: " ", count: "usage: ".count)
    var lines = ["usage: " + spec.name]
    for word in spec.usage.dropFirst(spec.name.count).split(separator: " ") {
      if lines[lines.count - 1].count + 1 + word.count > width {
        lines.append(indent + word)
      } else {
        lines[lines.count - 1] += " " + word
      }
    }
    return lines
  }
}

extension String {
  /// The string followed by spaces up to `width` characters (at least one space).
  func padding(_ width: Int) -> String {
    self + String(repeating: " ", count: Swift.max(1, width - count))
  }
}
