import ArgumentParser
import Classroom
import Repl

/// `--share [NAME]`, `--share-group GROUP` and `--watch [NAME|PATH]` (README "Classroom").
struct ShareOptions: ParsableArguments {
  @Option(
    name: .customLong("share"),
    help: ArgumentHelp(
      "Publish this session read-only as NAME (default `class`) for `cnnrepl --watch`.",
      valueName: "NAME"))
  var share: String?

  @Option(
    name: .customLong("share-group"),
    help: ArgumentHelp(
      "With --share: let members of GROUP watch (socket in /tmp/cnnrepl-UID, mode 0660).",
      valueName: "GROUP"))
  var group: String?

  @Option(
    name: .customLong("watch"),
    help: ArgumentHelp(
      "Watch a shared session read-only (NAME, default `class`, or a socket PATH).",
      valueName: "NAME|PATH"))
  var watch: String?

  func validate() throws {
    if share != nil, watch != nil {
      throw ValidationError("--share and --watch exclude each other")
    }
    if group != nil, share == nil { throw ValidationError("--share-group needs --share") }
    for name in [share].compactMap({ $0 }) {
      do { try ShareSocket.validate(name: name) } catch { throw ValidationError("\(error)") }
    }
  }

  /// The command line with the default name put after a bare `--share` or `--watch` (one
  /// followed by nothing, another option, or a script `FILE.cnn`).
  static func normalize(_ arguments: [String]) -> [String] {
    var out: [String] = []
    for (index, argument) in arguments.enumerated() {
      out.append(argument)
      guard argument == "--share" || argument == "--watch" else { continue }
      let next = index + 1 < arguments.count ? arguments[index + 1] : nil
      if next == nil || next?.hasPrefix("-") == true || next?.hasSuffix(".cnn") == true {
        out.append(ShareSocket.defaultName)
      }
    }
    return out
  }
}
