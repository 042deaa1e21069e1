import Core
import Foundation
import ModelFiles
import Rendering

/// One cnnrepl session: the model being built, its settings, history and transcript.
///
/// Everything the user can do goes through ``execute(_:location:)`` (one line) or
/// ``runScript(text:name:directory:echo:keepGoing:)`` (a file); output leaves only as
/// ``SessionEvent``s to ``presenter``. The TUI drives a session exactly as line mode does.
///
/// Confinement: a session belongs to one thread (the UI thread in interactive modes).
public final class Session {
  public let options: SessionOptions
  /// The network being built; edits go through the session so `undo` can restore them.
  public let model: Sequential
  /// Runs `train` in the background; front ends drain `trainer.events` (one drainer at a time).
  public let trainer = Trainer()
  public private(set) var seed: UInt64
  public private(set) var threads: Int
  /// Every non-blank top-level line entered, in order (what `history` prints).
  public private(set) var history: [String] = []
  /// Every top-level command and comment with the events it produced (`export transcript`).
  public private(set) var transcript: [TranscriptEntry] = []
  /// Architectures before each edit, newest last (`undo` pops one).
  public private(set) var undoStack: [UndoRecord] = []
  /// Set by `quit`; the driving loop stops reading.
  public private(set) var quitRequested = false
  /// The loaded data set (set when `data NAME` is wired to Datasets); setting it also sets
  /// ``dataShape``.
  public var data: DataSplits? {
    didSet { if let data { dataShape = data.train.shape } }
  }
  /// The image shape of the loaded data set (`input data` uses it); in check mode `data NAME`
  /// sets it from the known shapes without loading anything.
  public var dataShape: Shape?
  /// The normalised `data …` command that loaded the current data set (written by `save`).
  public var dataCommand: String?
  /// While set (for example during training), edits of the model are refused with this reason.
  public var modelLockReason: String?
  /// Where events go; may be swapped (the TUI takes over from line mode).
  public var presenter: any Presenter
  /// Whether `train` returns at once and trains on ``trainer``'s queue (line mode at a
  /// terminal, the TUI) or blocks and prints one line per epoch (`run`, piped input, tests).
  public var trainsInBackground: Bool
  /// Polled while `wait` blocks: true when the user pressed Ctrl-C (set by line mode).
  public var interruptCheck: (() -> Bool)?
  /// Called before each parsed command runs (nested scripts too); an error it throws refuses the
  /// command. The fuzzers use it to keep scripts off the network, out of other folders and away
  /// from models too big to train in a moment.
  public var commandGate: ((CommandSpec, ParsedArguments) throws(CommandError) -> Void)?
  /// Called with each top-level command (trimmed) just before it runs: the crash journal.
  public var willExecute: ((String) -> Void)?
  /// Journals of sessions that ended without `quit`, and the one `recover` asked for (the
  /// front end fills and replays them).
  public var recovery = SessionRecovery()
  /// The normalised `train …` commands run so far (written by `save` after the layers).
  public internal(set) var trainCommands: [String] = []
  /// How the trainings in ``trainCommands`` began and ended (nil before the first).
  var trainingReplay: TrainingReplay?
  /// The trainings of ``trainCommands`` as they ran (`export training` writes them out).
  public internal(set) var trainingPhases: [TrainingPhase] = []
  /// The weights the first of ``trainingPhases`` started from (nil before it).
  public internal(set) var weightsBeforeTraining: [SafeTensors.Tensor]?
  /// Values `set` gave while no training ran: the next `train`s use them unless they say
  /// otherwise.
  public var trainingDefaults = TrainingDefaults()
  /// The loss the last `train` used (`eval` measures with it).
  public internal(set) var lastLoss: LossKind?
  /// How charts and bars are drawn in text: `*` and `#` with `--charset ascii` or when standard
  /// output is no terminal (transcripts stay 7-bit and byte-for-byte stable), braille otherwise.
  public var chartStyle: ChartStyle
  /// Turns the background training's events into text (line mode and `wait`).
  var trainingFeed = TrainingFeed()

  /// Folders of the scripts being run, innermost last (where a nested `run` looks first).
  private var scriptFolders: [String] = []
  /// How many `run FILE` commands are running inside each other (0 at the top level).
  public private(set) var runDepth = 0
  /// The transcript entry receiving events, while a top-level command runs.
  private var currentEntry: Int?
  /// The transcript cell whose `train` went to the background: its epoch lines, stop line and
  /// loss chart are recorded there when the training ends (the front end showed them live).
  private var backgroundTrainingEntry: Int?

  /// Marks the running command's cell as the one a background training reports into.
  func recordBackgroundTrainingInCurrentCell() { backgroundTrainingEntry = currentEntry }

  /// Once a background training has ended: its epoch lines, stop line and loss chart go into
  /// the cell that started it, so `export transcript` and `export html` show what the screen
  /// showed.
  func recordFinishedBackgroundTraining() {
    guard let entry = backgroundTrainingEntry, entry < transcript.count, !trainer.isRunning,
      let result = trainer.lastResult
    else { return }
    backgroundTrainingEntry = nil
    let history = trainer.history
    let planned = trainingPhases.last?.options.epochs ?? history.epochs.count
    // Every epoch, even when `wait` printed (and so recorded) the last ones in its own cell.
    var lines = history.epochs.map { TrainingReport.epochLine($0, epochs: planned) }
    lines.append(TrainingReport.stopLine(result.reason, completedSteps: result.completedSteps))
    transcript[entry].events.append(.text(lines))
    if let chart = TrainingReport.lossFigure(history, style: chartStyle) {
      transcript[entry].events.append(.chart(chart))
    }
  }
  private lazy var output: any Presenter = SessionOutput(session: self)

  public init(options: SessionOptions = SessionOptions(), presenter: any Presenter) {
    self.options = options
    self.presenter = presenter
    self.seed = options.seed
    self.threads = options.threads
    self.model = Sequential(seed: options.seed)
    self.trainsInBackground = options.mode == .interactive && isatty(STDIN_FILENO) != 0
    self.chartStyle = options.asciiOnly || isatty(STDOUT_FILENO) == 0 ? .ascii : .braille
  }

  public var mode: SessionMode { options.mode }

  // MARK: - Running lines

  /// Runs one line.
  ///
  /// Errors are reported as events (with `location` when from a script) and
  /// returned; a refused command leaves the session unchanged.
  @discardableResult
  public func execute(_ line: String, location: ScriptLocation? = nil) -> CommandOutcome {
    let words = CommandParser.words(of: line)
    let topLevel = runDepth == 0
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard !words.isEmpty else {
      if topLevel, trimmed.hasPrefix("#") {
        transcript.append(TranscriptEntry(kind: .comment(trimmed)))
      }
      return .empty
    }
    let text = words.joined(separator: " ")
    if topLevel { willExecute?(trimmed) }
    if topLevel {
      history.append(trimmed)
      transcript.append(TranscriptEntry(kind: .command(text)))
      currentEntry = transcript.count - 1
    }
    defer { if topLevel { currentEntry = nil } }
    settleTraining()
    do {
      guard let (spec, arguments) = try CommandParser.parseArguments(line) else { return .empty }
      let command = try CommandParser.command(spec, arguments)
      try commandGate?(spec, arguments)
      if mode == .check, !spec.runsInCheck { return .succeeded }
      try command.run(in: self, output: output)
      return .succeeded
    } catch {
      emit(.error(ErrorReport(location: location, error: error)))
      return .failed(error)
    }
  }

  /// Runs every line of a script.
  ///
  /// With `echo`, each line is shown before it runs (commands as
  /// `> cmd`). Stops at the first error unless `keepGoing`. `name` is used in error locations;
  /// `directory` is where nested `run FILE` looks first.
  @discardableResult
  public func runScript(
    text: String, name: String, directory: String? = nil, echo: Bool, keepGoing: Bool = false
  ) -> ScriptResult {
    var result = ScriptResult()
    let lines = ScriptLines.split(text)
    scriptFolders.append(directory ?? "")
    defer { scriptFolders.removeLast() }
    for (index, raw) in lines.enumerated() {
      if quitRequested { break }
      if echo { emit(.echo(TranscriptRenderer.echo(raw)), record: runDepth > 0) }
      switch execute(raw, location: ScriptLocation(file: name, line: index + 1)) {
      case .empty:
        continue
      case .succeeded:
        result.commandsRun += 1
      case .failed(let error):
        result.commandsRun += 1
        result.errors.append(
          ErrorReport(location: ScriptLocation(file: name, line: index + 1), error: error))
        if !keepGoing { return finish(result) }
      }
    }
    return finish(result)
  }

  /// Reads and runs the script at `path` (see ``runScript(text:name:directory:echo:keepGoing:)``).
  public func runScript(atPath path: String, echo: Bool, keepGoing: Bool = false)
    throws(CommandError) -> ScriptResult
  {
    let text = try FileAccess.readText(path, command: "run")
    let folder = (path as NSString).deletingLastPathComponent
    return runScript(text: text, name: path, directory: folder, echo: echo, keepGoing: keepGoing)
  }

  private func finish(_ result: ScriptResult) -> ScriptResult {
    var result = result
    result.quit = quitRequested
    return result
  }

  /// Runs `text` as a script nested in the current command (`run FILE` inside a session).
  func runNested(text: String, name: String, directory: String) throws(CommandError) -> ScriptResult
  {
    guard runDepth < options.maxRunDepth else {
      throw .refused(
        command: "run", problem: "scripts are nested more than \(options.maxRunDepth) deep",
        hint: "a script probably runs itself; remove that `run` line")
    }
    runDepth += 1
    defer { runDepth -= 1 }
    return runScript(text: text, name: name, directory: directory, echo: true)
  }

  /// The folder of the innermost running script, if any (else ``frontEndScriptFolder``).
  public var currentScriptFolder: String? { scriptFolders.last ?? frontEndScriptFolder }

  /// The folder of a script a front end feeds line by line (`cnnrepl --step FILE`, `cnnrepl
  /// FILE`): relative paths in its lines are looked for there first, as inside `run FILE`,
  /// while `train` still goes to the background.
  public var frontEndScriptFolder: String?

  /// Whether a script runs through ``runScript(text:name:directory:echo:keepGoing:)`` (its
  /// `train` blocks).
  var isRunningScript: Bool { !scriptFolders.isEmpty }

  /// Sends an event to the presenter and records it in the current transcript cell.
  public func emit(_ event: SessionEvent, record: Bool = true) {
    presenter.present(event)
    if record, let entry = currentEntry { transcript[entry].events.append(event) }
  }

  /// `quit`: the loop driving this session stops after this command.
  public func requestQuit() { quitRequested = true }

  // MARK: - Settings

  public func setSeed(_ seed: UInt64) {
    self.seed = seed
    model.reseed(seed)
  }

  public func setThreads(_ threads: Int) { self.threads = max(1, threads) }

  // MARK: - Model edits

  /// Appends a layer and shows its new summary row, or refuses with the shape arithmetic.
  public func appendLayer(_ spec: RowSpec, output: any Presenter) throws(CommandError) {
    try edit(spec.layer.command, changedBy: spec.description) { model throws(ShapeError) in
      try model.append(spec)
    }
    if let row = model.summary.rows.last { output.present(.summaryRow(row)) }
  }

  /// Sets the input shape (row 0), keeping the layers if they still fit.
  public func setInput(_ shape: Shape, output: any Presenter) throws(CommandError) {
    try edit("input", changedBy: "input \(shape)") { model throws(ShapeError) in
      try model.setInput(shape)
    }
    if model.specs.isEmpty, let row = model.summary.rows.first {
      output.present(.summaryRow(row))
    } else {
      output.present(.summary(model.summary))
    }
  }

  /// Applies `change` to the model as one undoable edit named `command`; a ``ShapeError``
  /// becomes a refusal and the model stays as it was.
  public func edit(
    _ command: String, changedBy text: String, _ change: (Sequential) throws(ShapeError) -> Void
  ) throws(CommandError) {
    if let reason = modelLockReason {
      throw .refused(
        command: command, problem: "the model cannot change now: \(reason)",
        hint: "`stop` or `wait` first")
    }
    let (input, before, changes) = (model.inputShape, model.specs, model.changeCount)
    do {
      try change(model)
    } catch {
      throw .shape(command: command, error)
    }
    guard model.changeCount != changes else { return }
    // One change on the same input: its untouched top rows need no comparing.
    let known = model.changeCount == changes + 1 && input == model.inputShape
    let record = UndoRecord(
      input: input, before: before, after: model.specs, changedBy: text,
      equalAbove: known ? model.lastUnchangedAbove : 0)
    if input != model.inputShape || !record.replacedRows.isEmpty || record.insertedCount != 0 {
      undoStack.append(record)
    }
  }

  /// Restores the architecture before the last edit; returns the command it undid.
  public func undo() throws(CommandError) -> String {
    if let reason = modelLockReason {
      throw .refused(
        command: "undo", problem: "the model cannot change now: \(reason)",
        hint: "`stop` or `wait` first")
    }
    guard let record = undoStack.last else {
      throw .refused(
        command: "undo", problem: "there is nothing to undo", hint: "undo reverts model edits only")
    }
    do {
      if let input = record.input {
        try model.restore(input: input, specs: record.specs(before: model.specs))
      } else {
        model.reset()
      }
    } catch {
      throw .shape(command: "undo", error)
    }
    undoStack.removeLast()
    return record.changedBy
  }

  /// Clears the model (undoable).
  public func resetModel() throws(CommandError) {
    try edit("reset", changedBy: "reset") { model in model.reset() }
  }

  // MARK: - Scripts of the current state

  /// `input …` and one line per layer: the architecture alone (checkpoint metadata).
  public var architectureScript: String {
    guard let input = model.inputShape else { return "" }
    return (["input \(input)"] + model.specs.map(\.description)).map { $0 + "\n" }.joined()
  }

  /// The commands that rebuild this session (`save FILE.cnn`).
  public var sessionScript: String {
    var lines = [
      "# cnnrepl \(CnnreplVersion.string) session; `cnnrepl run` this file to rebuild it",
      "seed \(seed)",
      "threads \(threads)",
    ]
    if let dataCommand { lines.append(dataCommand) }
    if let input = model.inputShape {
      lines.append(dataCommand != nil && dataShape == input ? "input data" : "input \(input)")
      lines += model.specs.map(\.description)
    }
    if scriptRebuildsWeights, trainingReplay.map({ $0.holdsTrainedLayers(in: model) }) ?? false {
      lines += trainCommands
    }
    return lines.map { $0 + "\n" }.joined()
  }

  /// Whether running ``sessionScript`` gives the weights the model holds now: the fresh draw
  /// of its seed and layers, then its `train` lines replayed exactly (see ``TrainingReplay``).
  /// When false, `save` writes the weights beside the script and leaves the `train` lines out.
  /// An untrained model (never trained or loaded, or its trained layers all replaced) counts as
  /// rebuilt: its weights are a fresh random draw either way. While a training runs, its line
  /// is written as it will be.
  public var scriptRebuildsWeights: Bool {
    guard !model.isEmpty, let replay = trainingReplay, replay.holdsTrainedLayers(in: model),
      !trainer.isRunning
    else { return true }
    return !trainCommands.isEmpty && replay.startedFromFreshDraw && replay.everyTrainingFinished
      && replay.stillDescribes(self)
  }

  /// Whether the weights are bit for bit those `seed N` and then the layers draw.
  func weightsAreAFreshDraw() -> Bool {
    guard let input = model.inputShape else { return true }
    let fresh = Sequential(seed: seed)
    do { try fresh.setStack(input: input, specs: model.specs) } catch { return false }
    let now = model.parameters
    let drawn = fresh.parameters
    guard now.count == drawn.count else { return false }
    for (a, b) in zip(now, drawn) {
      guard a.value.count == b.value.count else { return false }
      for i in a.value.indices where a.value[i].bitPattern != b.value[i].bitPattern { return false }
    }
    return true
  }

  /// Weights came from a file (`load model`, `import`): no `train` line describes them.
  func weightsLoadedFromFile() {
    trainCommands = []
    trainingPhases = []
    weightsBeforeTraining = nil
    var replay = TrainingReplay(
      modelChange: model.changeCount, seed: seed, threads: threads, dataCommand: dataCommand,
      startedFromFreshDraw: false, everyTrainingFinished: false)
    replay.noteTrained(model)
    trainingReplay = replay
  }
}

/// Routes a command's output through the session, so it is recorded in the transcript.
private final class SessionOutput: Presenter {
  unowned let session: Session
  init(session: Session) { self.session = session }
  func present(_ event: SessionEvent) { session.emit(event) }
}
