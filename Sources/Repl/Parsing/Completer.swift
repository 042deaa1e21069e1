import Core
import Foundation

/// Tab completion candidates, all from ``CommandRegistry``.
///
/// Candidates are command names, second words (`show
/// fmap`), option keys (`stride=`), option values (`pad=same`), activation and preset names,
/// and file paths for file arguments. Pure apart from the directory lister, so it is tested
/// without a terminal.
public enum Completer {
  /// One directory entry as the lister reports it.
  public struct Entry: Sendable, Hashable {
    public var name: String
    public var isDirectory: Bool
    public init(name: String, isDirectory: Bool) {
      self.name = name
      self.isDirectory = isDirectory
    }
  }

  public typealias DirectoryLister = (String) -> [Entry]

  /// Candidates for `word`, the partial word under the cursor, given the text `before` it.
  ///
  /// `before` ends with `=` when completing an option value. Sorted and unique.
  public static func candidates(
    before: String, word: String, listDirectory: DirectoryLister = listDirectory
  ) -> [String] {
    let words = CommandParser.words(of: before)
    var pool: [String]
    if before.hasSuffix("=") {
      pool = optionValues(words: words, word: word, listDirectory: listDirectory)
    } else if words.isEmpty {
      pool = Array(Set(CommandRegistry.names.map { String($0.split(separator: " ")[0]) }))
    } else {
      pool = following(words: words, word: word, listDirectory: listDirectory)
    }
    let lower = word.lowercased()
    return Array(Set(pool.filter { $0.lowercased().hasPrefix(lower) })).sorted()
  }

  /// Candidates after a command's first word(s).
  static func following(words: [String], word: String, listDirectory: DirectoryLister) -> [String] {
    let first = words[0].lowercased()
    var pool: [String] = []
    if words.count == 1 {
      pool += CommandRegistry.names.filter { $0.hasPrefix(first + " ") }.map {
        String($0.dropFirst(first.count + 1))
      }
    }
    guard let (spec, used) = try? CommandParser.matchCommand(words) else { return pool }
    var positional = 0
    var keys = Set<String>()
    var hasActivation = false
    var index = used
    while index < words.count {
      let token = words[index]
      if positional < spec.arguments.count, spec.arguments[positional].kind == .layerCommand {
        let inner = words[index...].joined(separator: " ") + " "
        return pool + candidates(before: inner, word: word, listDirectory: listDirectory)
      }
      if let eq = token.firstIndex(of: "=") {
        keys.insert(token[..<eq].lowercased())
      } else if spec.takesActivation, Activation(name: token) != nil {
        hasActivation = true
      } else {
        positional += 1
      }
      index += 1
    }
    if positional < spec.arguments.count {
      let argument = spec.arguments[positional]
      switch argument.kind {
      case .file(let extensions):
        pool += paths(word: word, extensions: extensions, listDirectory: listDirectory)
      case .layerCommand: pool += candidates(before: "", word: word, listDirectory: listDirectory)
      default: pool += argument.kind.completionWords
      }
    }
    pool += spec.options.filter { !keys.contains($0.key) }.map { $0.key + "=" }
    let requiredDone = !spec.arguments[min(positional, spec.arguments.count)...].contains {
      !$0.isOptional
    }
    if spec.takesActivation, !hasActivation, requiredDone { pool += Activation.names }
    return pool
  }

  /// Candidates for the value of `key=` (the last word of `words`).
  static func optionValues(words: [String], word: String, listDirectory: DirectoryLister)
    -> [String]
  {
    guard let last = words.last, let (spec, _) = try? CommandParser.matchCommand(words) else {
      return []
    }
    let key = String(last.dropLast()).split(separator: "=").last.map { $0.lowercased() } ?? ""
    guard let option = spec.option(key) else { return [] }
    if case .file(let extensions) = option.kind {
      return paths(word: word, extensions: extensions, listDirectory: listDirectory)
    }
    return option.kind.completionWords
  }

  /// Paths starting with `word`.
  ///
  /// Folders get a `/`; files must end in one of `extensions` (any file when empty). Hidden entries only when the typed name starts with a dot.
  static func paths(word: String, extensions: [String], listDirectory: DirectoryLister) -> [String]
  {
    let slash = word.lastIndex(of: "/")
    let folder = slash.map { String(word[...$0]) } ?? ""
    let typed = slash.map { String(word[word.index(after: $0)...]) } ?? word
    let expanded =
      folder.hasPrefix("~/") ? HomeFolder.expand(folder) : folder
    return listDirectory(expanded.isEmpty ? "." : expanded).compactMap { entry in
      guard entry.name.hasPrefix(typed), typed.hasPrefix(".") || !entry.name.hasPrefix(".") else {
        return nil
      }
      if entry.isDirectory { return folder + entry.name + "/" }
      let lower = entry.name.lowercased()
      guard extensions.isEmpty || extensions.contains(where: { lower.hasSuffix("." + $0) }) else {
        return nil
      }
      return folder + entry.name
    }
  }

  /// The real directory lister (FileManager); unreadable folders give nothing.
  public static func listDirectory(_ path: String) -> [Entry] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.map { name in
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(
        atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
      return Entry(name: name, isDirectory: isDirectory.boolValue)
    }
  }
}
