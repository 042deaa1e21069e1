import Core
import Foundation
import Rendering
import Repl
import ReplTestSupport
import Testing

/// The XDG places and the config file of default options.
@Suite struct UserConfigTests {
  @Test func xdgVariablesWinWhenAbsoluteElseTheHomeDefaults() {
    let plain = StandardLocations(environment: ["HOME": "/h"])
    #expect(plain.stateFolder == "/h/.local/state/cnnrepl")
    #expect(plain.cacheFolder == "/h/.cache/cnnrepl")
    #expect(plain.configFile == "/h/.config/cnnrepl/config")
    #expect(plain.historyFile == "/h/.local/state/cnnrepl/history")
    #expect(plain.legacyHistoryFile == "/h/.cnnrepl_history")
    #expect(plain.legacyStateFolder == "/h/.cnnrepl")
    let xdg = StandardLocations(environment: [
      "HOME": "/h", "XDG_STATE_HOME": "/s", "XDG_CACHE_HOME": "/c", "XDG_CONFIG_HOME": "/k",
    ])
    #expect(xdg.stateFolder == "/s/cnnrepl" && xdg.historyFile == "/s/cnnrepl/history")
    #expect(xdg.cacheFolder == "/c/cnnrepl")
    #expect(xdg.configFile == "/k/cnnrepl/config")
    // Relative or empty values are invalid by the XDG rules: the defaults apply.
    let relative = StandardLocations(environment: [
      "HOME": "/h", "XDG_STATE_HOME": "state", "XDG_CACHE_HOME": "", "XDG_CONFIG_HOME": "./k",
    ])
    #expect(relative == plain)
    let nothing = StandardLocations(environment: [:])
    #expect(nothing.stateFolder == nil && nothing.cacheFolder == nil && nothing.configFile == nil)
    #expect(StandardLocations(environment: ["XDG_CACHE_HOME": "/c"]).cacheFolder == "/c/cnnrepl")
    #expect(plain.abbreviated("/h/.cache/cnnrepl") == "~/.cache/cnnrepl")
    #expect(plain.abbreviated("/hx/y") == "/hx/y")
  }

  @Test func everyKeyParsesBothSpellings() {
    let text = """
      # defaults for the lab machines
      color = never
      charset ascii
      threads=2   # two cores
      data-dir = /srv/data
      memory = 512M
      fps 30
      mouse = no
      """
    let (config, problems) = UserConfig.parse(text)
    #expect(problems.isEmpty)
    #expect(config.color == .never)
    #expect(config.charset == .ascii)
    #expect(config.threads == 2)
    #expect(config.dataDirectory == "/srv/data")
    #expect(config.memory == MemoryBudget.parse("512M"))
    #expect(config.framesPerSecond == 30)
    #expect(config.mouse == false)
  }

  @Test func badLinesAreReportedWithTheirNumberAndIgnored() {
    let text = "color = never\ncolour = never\nthreads = 0\n\nfps = lots\nmouse = maybe\nmemory\ncharset = \u{1B}[2J\nthreads = 3\n"
    let (config, problems) = UserConfig.parse(text)
    #expect(config.color == .never)
    #expect(config.threads == 3)  // line 9 still applies after line 3 was refused
    #expect(config.framesPerSecond == nil && config.mouse == nil && config.charset == nil)
    #expect(problems.map(\.line) == [2, 3, 5, 6, 7, 8])
    #expect(
      problems[0].description
        == "line 2: unknown option `colour` (known: color, charset, threads, data-dir, memory, fps, mouse); ignored")
    #expect(problems[1].description == "line 3: threads must be from 1 to 256, not `0`; ignored")
    #expect(problems[4].description == "line 7: `memory` has no value; ignored")
    // An escape sequence in the file is shown, never obeyed.
    #expect(problems[5].description.contains("`^[[2J`"))
    #expect(!problems.contains { $0.description.contains("\u{1B}") })
  }

  @Test func loadNamesTheFileAndRefusesWhatIsNotAConfig() throws {
    let folder = Paths.temporaryFolder("cnnrepl-config")
    let path = folder.appendingPathComponent("config").path
    #expect(UserConfig.load(path: path, shownAs: "~/c") == (UserConfig(), []))
    try "threads = 2\nfps = 0\n".write(toFile: path, atomically: true, encoding: .utf8)
    let loaded = UserConfig.load(path: path, shownAs: "~/c")
    #expect(loaded.config.threads == 2)
    #expect(loaded.notices == ["config ~/c line 2: fps must be from 1 to 120, not `0`; ignored"])
    try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: path))
    #expect(UserConfig.load(path: path, shownAs: "~/c").notices == ["config ~/c: not UTF-8 text; ignored"])
    try Data(repeating: 0x23, count: UserConfig.maximumBytes + 1).write(to: URL(fileURLWithPath: path))
    #expect(UserConfig.load(path: path, shownAs: "~/c").notices == ["config ~/c: larger than 64 KB; ignored"])
  }
}
