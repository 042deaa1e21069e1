import Core
import Repl
import Testing

/// Parses `line` to a command of type `T`, or records why not.
private func parsed<T: ReplCommand>(_ line: String, as type: T.Type = T.self) -> T? {
  do {
    guard let command = try CommandParser.parse(line) else {
      Issue.record("`\(line)` parsed to nothing")
      return nil
    }
    guard let typed = command as? T else {
      Issue.record("`\(line)` parsed to \(Swift.type(of: command)), not \(T.self)")
      return nil
    }
    return typed
  } catch {
    Issue.record("`\(line)` was refused: \(error)")
    return nil
  }
}

/// The error `line` is refused with (nil if it parses).
private func refusal(_ line: String) -> CommandError? {
  do {
    _ = try CommandParser.parse(line)
    return nil
  } catch {
    return error
  }
}

private func layer(_ line: String) -> LayerSpec? {
  guard let command = try? CommandParser.parse(line) as? any LayerCommand else { return nil }
  return command.layer
}

@Suite struct CommandParserTests {
  // MARK: every example of every command parses

  @Test(arguments: CommandRegistry.all.flatMap { spec in spec.examples.map { (spec.name, $0) } })
  func everyExampleParses(name: String, example: String) throws {
    let (spec, _) = try #require(try CommandParser.parseArguments(example))
    #expect(spec.name == name)
    #expect(try CommandParser.parse(example) != nil)
  }

  @Test(arguments: CommandRegistry.all)
  func everyCommandHasHelpAndParsesItsBareName(spec: CommandSpec) {
    #expect(!spec.abstract.isEmpty)
    let required = spec.arguments.filter { !$0.isOptional }
    let error = refusal(spec.name)
    if required.isEmpty {
      #expect(error == nil, "`\(spec.name)` alone should parse")
    } else {
      #expect(
        error
          == .missingArgument(command: spec.name, argument: required[0].title, usage: spec.usage))
    }
  }

  /// Normalised layer commands read back as the same layer (what `save` relies on).
  @Test(arguments: [
    "conv 32 3 relu", "conv 8 5 stride=2 pad=same dilation=2 bias=no tanh",
    "conv 6 5 pad=2 leaky_relu 0.1", "conv 32 3 bias=no init=he relu",
    "dwconv 3 mult=2 stride=2 pad=1 sigmoid", "dwconv 3 init=lecun", "sepconv 64 3 pad=same relu",
    "sepconv 64 3 init=he relu", "deconv 16 2 stride=2 pad=1 relu", "deconv 1 3 init=lecun sigmoid",
    "dense 128 init=he relu", "dense 10 init=lecun",
    "maxpool 2", "maxpool 3 stride=2 pad=1", "avgpool 2 stride=1", "gap", "upsample 2",
    "maxunpool 2",
    "flatten", "dense 10 softmax", "dropout 0.25", "batchnorm", "relu", "leaky_relu",
    "leaky_relu 0.1",
    "tanh", "lecun_tanh", "sigmoid", "softmax",
  ])
  func normalisedLayerRoundTrips(line: String) throws {
    let spec = try #require(layer(line))
    #expect(spec.description == line)
    #expect(layer(spec.description) == spec)
  }

  // MARK: values

  @Test func convArgumentsAndOptionsInAnyOrder() {
    let expected = LayerSpec.conv(
      filters: 32, kernel: 3, stride: 2, padding: .same, activation: .relu)
    #expect(layer("conv 32 3 stride=2 pad=same relu") == expected)
    #expect(layer("CONV 32 pad=SAME 3 relu stride=2") == expected)
    #expect(layer("conv 32 3x3 relu stride=2 pad=same") == expected)
    #expect(layer("conv 32 3 relu stride=2 pad=same  # a comment") == expected)
    #expect(layer("conv 32 init=HE 3 relu") == .conv(filters: 32, kernel: 3, activation: .relu, initializer: .he))
    #expect(layer("dense 10 init=glorot") == .dense(units: 10))
  }

  @Test func numbersWithSeparatorsAndPadding() {
    #expect(layer("dense 1_024") == .dense(units: 1024))
    #expect(layer("conv 8 3 pad=2") == .conv(filters: 8, kernel: 3, padding: .explicit(2)))
    #expect(layer("conv 8 3 pad=valid") == .conv(filters: 8, kernel: 3))
    #expect(layer("conv 8 3 bias=no") == .conv(filters: 8, kernel: 3, bias: false))
    #expect(layer("dense 4 bias=no") == .dense(units: 4, bias: false))
    #expect(layer("dense 4 relu bias=yes") == .dense(units: 4, activation: .relu))
    #expect(layer("dense 4 bias=no")?.description == "dense 4 bias=no")
    #expect(layer("conv 8 3 dilation=2") == .conv(filters: 8, kernel: 3, dilation: 2))
    #expect(
      layer("dwconv 3 mult=2 stride=2") == .depthwiseConv(kernel: 3, multiplier: 2, stride: 2))
    #expect(
      layer("deconv 1 3 pad=1 sigmoid")
        == .transposedConv(filters: 1, kernel: 3, padding: 1, activation: .sigmoid))
    #expect(layer("maxpool 2") == .maxPool(kernel: 2))
    #expect(layer("avgpool 3 stride=2 pad=1") == .avgPool(kernel: 3, stride: 2, padding: 1))
    #expect(layer("dropout 0.5") == .dropout(rate: 0.5))
    #expect(layer("leaky_relu 0.2") == .activation(.leakyRelu(alpha: 0.2)))
    #expect(
      layer("conv 4 3 leaky_relu")
        == .conv(filters: 4, kernel: 3, activation: .leakyRelu(alpha: 0.3)))
  }

  @Test func inputSizes() {
    #expect(
      parsed("input 28x28x1", as: InputCommand.self)?.shape
        == Shape(height: 28, width: 28, channels: 1))
    #expect(
      parsed("input 32X32X3", as: InputCommand.self)?.shape
        == Shape(height: 32, width: 32, channels: 3))
    #expect(
      parsed("input 28x28", as: InputCommand.self)?.shape
        == Shape(height: 28, width: 28, channels: 1))
    let data = parsed("input data", as: InputCommand.self)
    #expect(data != nil && data?.shape == nil)
  }

  @Test func otherCommandsCarryTheirValues() {
    #expect(parsed("del 3", as: DeleteCommand.self)?.row == 3)
    let insert = parsed("insert 2 conv 8 3 pad=same relu", as: InsertCommand.self)
    #expect(insert?.row == 2)
    #expect(insert?.layer == RowSpec(.conv(filters: 8, kernel: 3, padding: .same, activation: .relu)))
    #expect(parsed("replace 1 batchnorm", as: ReplaceCommand.self)?.layer == RowSpec(.batchNorm()))
    #expect(parsed("seed 1_234", as: SeedCommand.self)?.seed == 1234)
    #expect(parsed("threads 2", as: ThreadsCommand.self)?.threads == 2)
    #expect(parsed("help save model", as: HelpCommand.self)?.topic == "save model")
    #expect(parsed("help", as: HelpCommand.self)?.topic == nil)
    #expect(parsed("preset keras-mnist", as: PresetCommand.self)?.name == "keras-mnist")
    #expect(parsed("data cifar10 path=/tmp/c", as: DataCommand.self)?.path == "/tmp/c")
    let train = parsed(
      "train lr=0.05 epochs=3 opt=sgd limit=2_000 batch=64 loss=mse wd=0.001", as: TrainCommand.self
    )
    #expect(train?.epochs == 3)
    #expect(train?.batch == 64)
    #expect(train?.learningRate == 0.05)
    #expect(train?.optimizer == "sgd")
    #expect(train?.loss == "mse")
    #expect(train?.weightDecay == 0.001)
    #expect(train?.limit == 2000)
    let defaults = parsed("train", as: TrainCommand.self)
    #expect(defaults?.epochs == 1 && defaults?.optimizer == "adam" && defaults?.learningRate == nil)
    #expect(parsed("eval split=train", as: EvalCommand.self)?.split == "train")
    #expect(parsed("predict 7", as: PredictCommand.self)?.index == 7)
    let fmap = parsed("show fmap 3 ch=0-7 sample=2", as: ShowFmapCommand.self)
    #expect(fmap?.row == 3 && fmap?.channels == 0...7 && fmap?.sample == 2)
    #expect(parsed("show kernel sobel-x sample=3", as: ShowKernelCommand.self)?.kernel == "sobel-x")
    let dream = parsed("show dream 3 5 steps=100", as: ShowDreamCommand.self)
    #expect(dream?.row == 3 && dream?.channel == 5 && dream?.steps == 100)
    #expect(parsed("show occlusion 3 size=6", as: ShowOcclusionCommand.self)?.size == 6)
    #expect(parsed("save net.cnn force=yes", as: SaveCommand.self)?.force == true)
    #expect(parsed("save model w.safetensors", as: SaveModelCommand.self)?.path == "w.safetensors")
    #expect(parsed("load model w.safetensors", as: LoadModelCommand.self)?.path == "w.safetensors")
    #expect(
      parsed("export transcript notes.md", as: ExportTranscriptCommand.self)?.path == "notes.md")
    #expect(parsed("run lesson.cnn", as: RunCommand.self)?.path == "lesson.cnn")
  }

  @Test func blankAndCommentLinesGiveNothing() throws {
    #expect(try CommandParser.parse("") == nil)
    #expect(try CommandParser.parse("   \t ") == nil)
    #expect(try CommandParser.parse("# conv 8 3") == nil)
    #expect(try CommandParser.parse("   # indented comment") == nil)
  }

  // MARK: error paths

  @Test func unknownCommandSuggestsTheNearest() {
    #expect(refusal("covn 32 3") == .unknownCommand(word: "covn", suggestion: "conv"))
    #expect(refusal("maxpol 2") == .unknownCommand(word: "maxpol", suggestion: "maxpool"))
    #expect(refusal("sumary") == .unknownCommand(word: "sumary", suggestion: "summary"))
    #expect(refusal("frobnicate") == .unknownCommand(word: "frobnicate", suggestion: nil))
    #expect(refusal("show fmp 1") == .unknownCommand(word: "show fmp", suggestion: "show fmap"))
    #expect(
      refusal("covn 32 3")?.description == "covn: unknown command; did you mean `conv`?")
  }

  @Test func namesAreNotAbbreviated() {
    // An abbreviation is refused, but the one command it starts is suggested.
    #expect(refusal("summ") == .unknownCommand(word: "summ", suggestion: "summary"))
    #expect(refusal("batch") == .unknownCommand(word: "batch", suggestion: "batchnorm"))
  }

  @Test func familyWordAloneListsItsCommands() throws {
    let error = try #require(refusal("show"))
    guard case .incompleteCommand(let word, let choices) = error else {
      Issue.record("got \(error)")
      return
    }
    #expect(word == "show")
    #expect(choices.contains("fmap") && choices.contains("curve"))
    #expect(refusal("export") == .incompleteCommand(word: "export", choices: ["transcript", "onnx", "pytorch", "training", "png", "html"]))
  }

  @Test func unknownOptionKeysAreRefused() {
    #expect(
      refusal("conv 8 3 strde=2")
        == .unknownOption(
          command: "conv", key: "strde", suggestion: "stride",
          valid: ["stride", "pad", "dilation", "bias", "init"]))
    #expect(
      refusal("dense 10 foo=1")
        == .unknownOption(command: "dense", key: "foo", suggestion: nil, valid: ["bias", "init"]))
    #expect(
      refusal("flatten foo=1")?.description
        == "flatten: unknown option `foo`; this command takes no key=value options")
    #expect(refusal("conv 8 3 STRIDE=2") == nil)
  }

  @Test func duplicateOption() {
    #expect(
      refusal("conv 8 3 stride=2 stride=1") == .duplicateOption(command: "conv", key: "stride"))
  }

  @Test func outOfRange() {
    #expect(
      refusal("conv 0 3")
        == .outOfRange(
          command: "conv", argument: "filters F", value: "0",
          expected: "a whole number from 1 to 4,096"))
    #expect(
      refusal("conv 8 3 stride=0")?.description.contains("`stride` `0` is out of range") == true)
    #expect(
      refusal("dropout 1.5")
        == .outOfRange(
          command: "dropout", argument: "rate P", value: "1.5", expected: "a number from 0 to 0.99")
    )
    #expect(refusal("threads 0") != nil)
    #expect(refusal("conv 8 3 pad=100") != nil)
    #expect(refusal("leaky_relu 2") != nil)
    #expect(refusal("conv 8 3 leaky_relu 2") != nil)
    #expect(
      refusal("input 0x28x1")
        == .outOfRange(
          command: "input", argument: "shape", value: "0x28x1",
          expected: "a size HxWxC such as 28x28x1 or `data`"))
    #expect(refusal("input 5000x28x1") != nil)
  }

  @Test func missingArgument() {
    #expect(
      refusal("conv 32")
        == .missingArgument(
          command: "conv", argument: "kernel K",
          usage: "conv F K [stride=S] [pad=P] [dilation=D] [bias=B] [init=I] [ACT]"))
    #expect(
      refusal("conv 32 relu")
        == .missingArgument(command: "conv", argument: "kernel K", usage: ConvCommand.spec.usage))
    #expect(
      refusal("input")
        == .missingArgument(command: "input", argument: "shape", usage: "input SHAPE"))
    #expect(
      refusal("insert 2")
        == .missingArgument(command: "insert", argument: "layer command", usage: "insert N CMD"))
    #expect(
      refusal("save model")
        == .missingArgument(
          command: "save model", argument: "file", usage: SaveModelCommand.spec.usage))
  }

  @Test func badValues() {
    #expect(
      refusal("input 28by28")
        == .invalidValue(
          command: "input", argument: "shape", value: "28by28",
          expected: "a size HxWxC such as 28x28x1 or `data`"))
    #expect(refusal("input 28") != nil)
    #expect(refusal("input 28x28x1x1") != nil)
    #expect(
      refusal("conv x 3")
        == .invalidValue(
          command: "conv", argument: "filters F", value: "x",
          expected: "a whole number from 1 to 4,096"))
    #expect(refusal("conv 8 3x5")?.description.contains("square kernel") == true)
    #expect(refusal("conv 8 3 pad=full") != nil)
    #expect(refusal("dense 1__0") != nil)
    #expect(refusal("dense _10") != nil)
    #expect(refusal("dense 10.5") != nil)
    #expect(
      refusal("data mnst")
        == .invalidValue(
          command: "data", argument: "data set", value: "mnst",
          expected: "one of mnist, fashion, cifar10, bars, shapes (did you mean `mnist`?)"))
    #expect(refusal("save net.txt") != nil)
    #expect(refusal("save model net.cnn") != nil)
    #expect(refusal("show fmap 1 ch=5-2") != nil)
    #expect(refusal("show fmap 1 ch=a-b") != nil)
    #expect(refusal("help frobnicate") == .unknownCommand(word: "frobnicate", suggestion: nil))
    #expect(refusal("help export") == .incompleteCommand(word: "export", choices: ["transcript", "onnx", "pytorch", "training", "png", "html"]))
    #expect(refusal("train opt=adamw") != nil)
    #expect(
      refusal("dense 10 init=xavier")?.description
        == "dense: `xavier` is not a valid `init`; expected one of glorot, he, lecun")
    #expect(refusal("maxpool 2 init=he") != nil)
    #expect(refusal("stride=2") == .unknownCommand(word: "stride=2", suggestion: nil))
  }

  @Test func trailingJunk() {
    #expect(
      refusal("flatten 3") == .unexpectedWord(command: "flatten", word: "3", usage: "flatten"))
    #expect(
      refusal("conv 8 3 relu relu")
        == .unexpectedWord(command: "conv", word: "relu", usage: ConvCommand.spec.usage))
    #expect(
      refusal("maxpool 2 relu")
        == .unexpectedWord(command: "maxpool", word: "relu", usage: MaxPoolCommand.spec.usage))
    #expect(refusal("summary please") != nil)
  }

  @Test func insertAndReplaceNeedALayer() {
    #expect(
      refusal("insert 1 summary")
        == .refused(
          command: "insert", problem: "`summary` does not add a layer",
          hint: "give a layer command such as `conv 8 3` or `batchnorm`"))
    #expect(refusal("replace 1 covn 8 3") == .unknownCommand(word: "covn", suggestion: "conv"))
  }

  /// Front ends and recovery ask the spec, not the name, whether a command drives a training.
  @Test func trainingCommandsSayWhatTheyDoToATraining() {
    #expect(CommandRegistry.all.filter { $0.training == .starts }.map(\.name) == ["train", "resume"])
    #expect(
      Set(CommandRegistry.all.filter { $0.training == .controls }.map(\.name))
        == ["pause", "stop", "wait"])
    #expect(JournalRecovery.drivesTraining("  TRAIN epochs=2"))
    #expect(!JournalRecovery.drivesTraining("show curve"))
    #expect(!JournalRecovery.drivesTraining("trainx"))
  }

  /// Every catalog example is a command the parser reads back as the same layer, and `help`
  /// lists it: adding a layer kind without its command fails here.
  @Test(arguments: LayerCatalog.all)
  func everyLayerKindIsACommandThatRoundTrips(_ example: LayerCatalog.Example) throws {
    let parsed = try CommandParser.parse(example.spec.description)
    let command = try #require(parsed as? any LayerCommand, "\(example)")
    #expect(command.layer.description == example.spec.description)
    #expect(CommandRegistry.spec(named: example.spec.command)?.category == .model)
  }
}
