import Core
import ArgumentParser
import Foundation
import FrontEnds
import Rendering
import Repl

/// Options every way of starting cnnrepl accepts (SPEC §2).
struct CommonOptions: ParsableArguments {
  @Option(help: "Seed for weights, shuffling and dropout.")
  var seed: UInt64 = 0

  @Option(
    help: ArgumentHelp(
      "CPU threads for training and inference.",
      discussion: "Default: this machine's CPU count, at most 8. The same seed and thread count "
        + "give the same numbers bit for bit; a saved session records its thread count."))
  var threads: Int?

  /// `--threads`, the config file's, or this machine's CPU count (at most 8: a 64-image batch
  /// cut finer gains nothing).
  var threadCount: Int {
    threads ?? config.threads ?? min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
  }

  @Option(
    name: .customLong("color"),
    help: "Colour: auto (terminal, no NO_COLOR, TERM not dumb), always or never (default: auto).")
  var colorOption: ColorChoice?

  /// `--color`, else the config file's, else auto.
  var color: ColorChoice { colorOption ?? config.color ?? .auto }

  @Option(
    name: .customLong("charset"),
    help: "Pictures with Unicode half blocks or the ASCII ramp (default: unicode).")
  var charsetOption: Charset?

  /// `--charset`, else the config file's, else unicode.
  var charset: Charset { charsetOption ?? config.charset ?? .unicode }

  @Option(
    name: .customLong("graphics"),
    help: ArgumentHelp(
      "Pictures as pixels: auto, kitty, sixel, iterm or text.",
      discussion: "auto asks the terminal (kitty query, device attributes, TERM_PROGRAM; inside "
        + "tmux only with allow-passthrough on). Default: auto at a terminal's prompt and in the "
        + "full screen (whose picture pane shows kitty pixels), text in pipes and in `run`."))
  var graphicsOption: GraphicsChoice?

  /// How line mode or `run` draws pictures: `--graphics`, else `fallback` (auto at a
  /// terminal's prompt, text for scripts and pipes).
  func pictureOutput(fallback: GraphicsChoice) -> PictureOutput {
    // Resolved even for text: a later `set graphics=…` needs the window and tmux.
    let output = TerminalGraphicsProbe.resolve(graphicsOption ?? fallback)
    if let notice = output.notice { StandardStreams.write("note: \(notice)\n", to: .error) }
    return output
  }

  @Option(
    name: .customLong("data-dir"),
    help: "Folder where `data NAME` looks for files (besides the download cache).")
  var dataDirectoryOption: String?

  /// `--data-dir`, else the config file's.
  var dataDirectory: String? { dataDirectoryOption ?? config.dataDirectory }

  @Option(
    help: ArgumentHelp(
      "Most memory one training, evaluation or picture may use: 12G, 512M (default: half of this machine's).",
      valueName: "size"))
  var memory: String?

  @Option(
    name: .customLong("fps"), help: "Most screen redraws per second in the full-screen UI (default: 20).")
  var fpsOption: Int?

  /// `--fps`, else the config file's, else 20.
  var fps: Int { fpsOption ?? config.framesPerSecond ?? 20 }

  @Flag(
    name: .customLong("mouse"),
    inversion: .prefixedNo,
    help: "Full screen: the mouse wheel scrolls the notebook (Shift-drag then selects text; default: on).")
  var mouseOption: Bool?

  /// `--mouse`/`--no-mouse`, else the config file's, else on.
  var mouse: Bool { mouseOption ?? config.mouse ?? true }

  @Flag(help: "Show wall-clock timings (transcripts are then no longer byte-for-byte stable).")
  var timings = false

  /// Set by `fork` (``ForkLauncher``) for the copy it starts: force=yes only inside FOLDER.
  @Option(name: .customLong("fork-folder"), help: .hidden)
  var forkFolder: String?

  /// Set by `fork` with `--fork-folder`: the share the copy came from, for refusals.
  @Option(name: .customLong("forked-from"), help: .hidden)
  var forkedFrom: String?

  func validate() throws {
    if let threads, !(1...256).contains(threads) {
      throw ValidationError("--threads must be from 1 to 256")
    }
    if let fpsOption, !(1...120).contains(fpsOption) {
      throw ValidationError("--fps must be from 1 to 120")
    }
    if let memory, MemoryBudget.parse(memory) == nil {
      throw ValidationError("--memory must be a size such as 12G, 512M or 800000000 (bytes)")
    }
  }

  /// Colour after `--color`, `NO_COLOR` and `TERM=dumb`.
  var useColor: Bool {
    switch color {
    case .always: return true
    case .never: return false
    case .auto:
      let environment = ProcessInfo.processInfo.environment
      if environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
      if environment["TERM"] == "dumb" { return false }
      return isatty(STDOUT_FILENO) != 0
    }
  }

  /// Steps between a training's row statistics in an interactive session (`show stats` while
  /// training): about once a second for keras-mnist. Each measurement is a plain (unfused)
  /// forward and backward of 16 images that keeps every row's values; every 25 steps it cost 8%
  /// of keras-mnist's training in the TUI (`TUI_ONLY=1 make bench`: 92% of `run` mode with it,
  /// 102% without), every 100 steps about 2%.
  static let statisticsEvery = 100

  func sessionOptions(mode: SessionMode) -> SessionOptions {
    var options = SessionOptions(
      mode: mode, seed: seed, threads: threadCount, useColor: useColor,
      asciiOnly: charset == .ascii,
      dataDirectory: dataDirectory, showTimings: timings, framesPerSecond: fps)
    if let memory, let budget = MemoryBudget.parse(memory) {
      options.memoryBudget = budget
    } else if let budget = config.memory {
      options.memoryBudget = budget
    }
    options.downloadCache = locations.cacheFolder
    if mode == .interactive { options.statisticsEvery = Self.statisticsEvery }
    if let forkFolder {
      options.writeConfinement = .forceInside(
        folder: forkFolder, origin: forkedFrom ?? "another user's share")
    }
    return options
  }

  /// Where this process keeps its files (the environment's XDG folders).
  var locations: StandardLocations { LoadedConfig.locations }

  /// The config file's settings (empty without one).
  var config: UserConfig { LoadedConfig.file.config }

  /// One line per ignored config line (or unreadable file), for the start-up notice.
  var configNotices: [String] { LoadedConfig.file.notices }
}
