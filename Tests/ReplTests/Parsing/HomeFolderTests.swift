import Foundation
import Repl
import ReplTestSupport
import Testing

/// `~` in a typed path is the home the password file gives, never `$HOME`.
@Suite struct HomeFolderTests {
  private var passwordHome: String? {
    guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
    return String(cString: directory)
  }

  @Test func tildeExpandsToThePasswordFilesHome() throws {
    let home = try #require(passwordHome)
    #expect(HomeFolder.current == home)
    #expect(HomeFolder.expand("~") == home)
    #expect(HomeFolder.expand("~/nets/a.cnn") == home + "/nets/a.cnn")
    #expect(HomeFolder.expand("~root/a.cnn") == (HomeFolder.of(user: "root") ?? "?") + "/a.cnn")
    #expect(HomeFolder.expand("nets/~/a.cnn") == "nets/~/a.cnn")
    #expect(HomeFolder.expand("~no-such-user-xyz/a.cnn") == "~no-such-user-xyz/a.cnn")
  }

  @Test func saveToTildeIgnoresAHomeSetInTheEnvironment() throws {
    try #require(Executable.available, "the cnnrepl binary is built")
    let home = try #require(passwordHome)
    let fakeHome = Paths.temporaryFolder("cnnrepl-fake-home")
    let name = "cnnrepl-tilde-\(UUID().uuidString).cnn"
    defer { unlink(home + "/" + name) }
    let result = try Executable.run(
      ["--plain"], input: "save ~/\(name)\nquit\n", home: fakeHome, mergeErrors: true)
    #expect(result.output.contains("saved "), "\(result.output)")
    #expect(FileManager.default.fileExists(atPath: home + "/" + name))
    #expect(!FileManager.default.fileExists(atPath: fakeHome.path + "/" + name))
  }
}
