import Foundation

/// `~` in a path typed into cnnrepl: the home folder the password file gives this user (or
/// `~name`'s), never `$HOME`, which anything that starts cnnrepl can set.
public enum HomeFolder {
  /// This user's home from the password file (`getpwuid_r`), or nil.
  public static var current: String? { entry { getpwuid_r(getuid(), &$0, $1, $2, &$3) } }

  /// `name`'s home from the password file, or nil when there is no such user.
  public static func of(user name: String) -> String? {
    entry { getpwnam_r(name, &$0, $1, $2, &$3) }
  }

  /// `path` with a leading `~` or `~name` replaced by that home; unchanged otherwise (and
  /// when the user is unknown, so the error names the path as typed).
  public static func expand(_ path: String) -> String {
    guard path.hasPrefix("~") else { return path }
    let slash = path.firstIndex(of: "/") ?? path.endIndex
    let user = String(path[path.index(after: path.startIndex)..<slash])
    guard let home = user.isEmpty ? current : of(user: user) else { return path }
    return home + path[slash...]
  }

  private static func entry(
    _ lookup: (inout passwd, UnsafeMutablePointer<CChar>, Int, inout UnsafeMutablePointer<passwd>?)
      -> Int32
  ) -> String? {
    var record = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buffer = [CChar](repeating: 0, count: 16_384)
    let status = buffer.withUnsafeMutableBufferPointer {
      lookup(&record, $0.baseAddress!, $0.count, &result)
    }
    guard status == 0, result != nil, let directory = record.pw_dir else { return nil }
    return String(cString: directory)
  }
}
