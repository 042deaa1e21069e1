import Core
import Datasets
import Foundation
import FrontEnds
import Repl
import ReplTestSupport
import Testing

/// The data, training and evaluation commands through a session (batch and background).
@Suite
struct TrainingCommandTests {
  /// A tiny synthetic set and a classifier that fits it.
  static let setup = """
    seed 1
    data bars train=256 test=64 size=12
    input data
    conv 4 3 relu
    maxpool 2
    flatten
    dense 4 softmax
    """

  static func harness(background: Bool = false) -> SessionHarness {
    let h = SessionHarness(mode: background ? .interactive : .batch)
    h.session.trainsInBackground = background
    h.session.chartStyle = .ascii
    return h
  }

  // MARK: data

  @Test func dataLoadsAndSummarisesInOneLine() {
    let h = Self.harness()
    let out = h.run("data mnist")
    #expect(out == "mnist: 28x28x1, 10 classes, 6,000 train / 1,000 test; pixels x/255\n")
    #expect(h.session.data?.train.count == 6000)
    #expect(h.session.dataShape == Shape(height: 28, width: 28, channels: 1))
    let info = h.run("data info")
    #expect(info.split(separator: "\n").count == 12)
    #expect(info.contains("class     train    test"))
  }

  @Test func syntheticOptionsShapeTheSetAndAreSaved() {
    let h = Self.harness()
    #expect(
      h.run("data shapes train=40 test=8 size=16 noise=0.2 seed=5").hasPrefix(
        "shapes: 16x16x1, 4 classes, 40 train / 8 test"))
    #expect(h.session.dataCommand == "data shapes train=40 test=8 size=16 noise=0.2 seed=5")
    h.run("data bars noise=0.5 path=/x")
    #expect(h.errorLines == ["error: data: bars is generated, it has no files; leave out path="])
    h.run("data shapes size=256 train=1000000")
    #expect(
      h.errorLines == [
        "error: data: that is 65588 MB of pixels; use fewer images or a smaller size (at most 1000 MB)"
      ])
    h.run("data mnist size=12")
    #expect(
      h.errorLines == [
        "error: data: size= is for the synthetic sets only; use it with `data bars` or `data shapes`"
      ])
  }

  @Test func aFailedDataCommandKeepsThePreviousData() {
    let h = Self.harness()
    h.run("data bars train=32 test=8")
    h.run("data mnist path=/no/such/folder")
    #expect(h.errorLines.count == 1)
    #expect(h.errorLines[0].hasPrefix("error: data: "))
    #expect(h.session.data?.name == "bars")
    #expect(h.session.dataCommand == "data bars train=32 test=8")
    h.run("data cifar10")
    #expect(
      h.errorLines == [
        "error: data: cifar10 needs its files; give their folder with path=DIR or --data-dir DIR"
      ])
    #expect(h.session.data?.name == "bars")
  }

  @Test func dataDirHoldsOneFolderPerSetAndPathNamesTheFolder() throws {
    let root = Paths.temporaryFolder()
    try FileManager.default.createSymbolicLink(
      at: root.appendingPathComponent("fashion"), withDestinationURL: try EmbeddedSample.folder)
    let presenter = RecordingPresenter()
    let session = Session(
      options: SessionOptions(mode: .batch, dataDirectory: root.path), presenter: presenter)
    session.execute("data fashion")
    #expect(presenter.errors.isEmpty)
    #expect(session.data?.name == "fashion")
    #expect(session.data?.train.classNames.first == "T-shirt/top")
    session.execute("data mnist path=\(try EmbeddedSample.folder.path)")
    #expect(presenter.errors.isEmpty)
    #expect(session.dataCommand == "data mnist path=\(try EmbeddedSample.folder.path)")
  }

  @Test func downloadRefusesABadAddressAndUnknownSets() {
    let h = Self.harness()
    let folder = Paths.temporaryFolder()
    h.run("download mnist dir=\(folder.path) url=nohost")
    #expect(
      h.errorLines == [
        "error: download: nohost/train-images-idx3-ubyte.gz: not a URL; "
          + "give the base address as http://host/path/"
      ])
    h.run("download cifar10")
    #expect(h.errorLines.first?.hasPrefix("error: download: `cifar10` is not a valid") == true)
  }

  @Test func dataInfoAndShowSampleNeedData() {
    let h = Self.harness()
    for command in ["data info", "show sample 0", "eval", "predict 0", "show confusion"] {
      h.run(command)
      #expect(
        h.errorLines.first?.hasSuffix(
          "no data set is loaded; load one with `data mnist` (or `data bars`)")
          == true, "\(command)")
    }
  }

  @Test func showSampleDrawsTheImageWithItsLabel() throws {
    let h = Self.harness()
    h.run("data mnist")
    h.run("show sample 0 split=test")
    guard case .picture(.images(let title, let images, _), .featureMaps) = h.presenter.events.first else {
      Issue.record("no picture: \(h.presenter.events)")
      return
    }
    #expect(title == "test image 0")
    #expect(images.count == 1)
    #expect(images[0].caption == "label 7")
    #expect(images[0].width == 28 && images[0].values.count == 784)
    h.run("show sample 6000")
    #expect(
      h.errorLines == [
        "error: show sample: the train split has images 0 to 5999; pick one of those"
      ])
  }

  @Test func inputDataTakesTheDataShape() {
    let h = Self.harness()
    h.run("data bars size=20 train=8 test=8\ninput data")
    #expect(h.session.model.inputShape == Shape(height: 20, width: 20, channels: 1))
  }

  // MARK: preset

  @Test func presetReplacesTheModelAndIsUndoable() {
    let h = Self.harness()
    h.run("input 8x8x1\nconv 2 3")
    let out = h.run("preset lenet5")
    #expect(out.hasPrefix("LeNet-5"))
    #expect(out.contains("total params: 61,706"))
    #expect(h.session.model.specs == Preset.lenet5.layers)
    h.run("undo")
    #expect(h.session.model.inputShape == Shape(height: 8, width: 8, channels: 1))
    h.run("preset resnet")
    #expect(h.errorLines.first?.hasPrefix("error: preset: ") == true)
  }

  // MARK: train (blocking)

  @Test func trainPrintsOneLinePerEpochAndAChart() {
    let h = Self.harness()
    h.run(Self.setup)
    let out = h.run("train epochs=2 batch=32 limit=128")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(h.errorLines.isEmpty)
    #expect(
      lines.first
        == "training 2 epochs of 4 steps (128 images, batch 32, adam lr=0.001, loss=ce)")
    #expect(lines[1].hasPrefix("epoch 1/2  loss "))
    #expect(
      lines[1].contains("  acc ") && lines[1].contains("  test loss ")
        && lines[1].contains("  test acc "))
    #expect(lines[2].hasPrefix("epoch 2/2  loss "))
    #expect(lines[3] == "training finished after 8 steps")
    #expect(lines[4] == "loss per step (8 steps)")
    #expect(lines.dropFirst(5).allSatisfy { $0.allSatisfy(\.isASCII) })
    #expect(lines[1].hasSuffix("%"))  // no timings without --timings
    #expect(h.session.trainCommands == ["train epochs=2 batch=32 opt=adam limit=128"])
  }

  @Test func trainingIsDeterministic() {
    let script = Self.setup + "\ntrain epochs=2 limit=96 opt=sgd lr=0.05\neval\npredict 3\n"
    let a = Self.harness()
    let b = Self.harness()
    #expect(a.run(script) == b.run(script))
    #expect(a.errorLines.isEmpty)
  }

  @Test func trainRefusesWithoutDataOrModel() {
    let h = Self.harness()
    h.run("train")
    #expect(
      h.errorLines == [
        "error: train: no data set is loaded; load one with `data mnist` (or `data bars`)"
      ])
    h.run("data bars train=32 test=8")
    h.run("train")
    #expect(h.errorLines.first?.hasPrefix("error: train: the model has no layers") == true)
    h.run("input 28x28x1\nflatten\ndense 4 softmax")
    h.run("train limit=8")
    #expect(h.errorLines.isEmpty)
  }

  @Test func trainRefusesAWrongOutputSizeBeforeAnyStep() {
    let h = Self.harness()
    h.run("data mnist\ninput data\nflatten\ndense 5 softmax")
    let out = h.run("train limit=64")
    #expect(
      h.errorLines == [
        "error: train: loss=ce needs 10 outputs (one per class) but the model gives 5; "
          + "end the model with `dense 10 softmax`"
      ])
    #expect(!out.contains("epoch"))
    #expect(h.session.trainer.history.steps.isEmpty)
    #expect(h.session.trainCommands.isEmpty)
    h.run("input 20x20x1")
    h.run("train")
    #expect(h.errorLines.first?.contains("start the model with `input data`") == true)
  }

  @Test func autoencoderTrainsWithMSEAndEvalHasNoAccuracy() {
    let h = Self.harness()
    h.run("data bars train=64 test=16 size=8\ninput data\nconv 1 3 pad=same sigmoid")
    let out = h.run("train limit=32 loss=mse\neval")
    #expect(h.errorLines.isEmpty)
    #expect(out.contains("loss=mse)"))
    #expect(out.contains("epoch 1/1  loss ") && !out.contains(" acc "))
    #expect(out.contains("test: 16 images  loss ") && !out.contains("accuracy"))
    h.run("show confusion")
    #expect(
      h.errorLines.first?.hasPrefix("error: show confusion: the model is no classifier") == true)
    h.run("predict 0")
    #expect(h.errorLines.first?.hasPrefix("error: predict: the model gives 8x8x1") == true)
  }

  @Test func aDivergingTrainingStopsAndSaysWhichWeightsItKept() {
    let h = Self.harness()
    h.run("data bars train=64 test=16 size=12\ninput data\nflatten\ndense 4")
    let out = h.run("train opt=sgd lr=10 loss=mse epochs=30")
    // A script's training that ended on inf did not do what it said: an error (run exits 1).
    #expect(
      h.errorLines == [
        "error: train: the training did not finish: the loss became inf at step 20 (epoch 10); "
          + "the weights are those before it; lower lr= and train again"
      ])
    #expect(out.contains(#/\nepoch 9/30  loss \d\.\d+e\+\d\d  /#))  // large losses in %g
    #expect(
      out.contains(
        "\ntraining stopped: the loss became inf at step 20 (epoch 10); the weights are back to "
          + "those after step 18; lower the learning rate (lr=10 now)\n"))
    #expect(h.session.trainer.lastResult?.restoredStep == 18)
    #expect(h.run("status").hasPrefix("training stopped: the loss became inf at step 20"))
  }

  @Test func runExitsNonZeroAfterATrainingStoppedOnInfinity() throws {
    try #require(Executable.available, "the cnnrepl binary is built")
    let folder = Paths.temporaryFolder("cnnrepl-inf")
    let script = folder.appendingPathComponent("diverge.cnn")
    try Data(
      "data bars train=64 test=16 size=12\ninput data\nflatten\ndense 4\ntrain opt=sgd lr=10 loss=mse epochs=30\n"
        .utf8
    ).write(to: script)
    let result = try Executable.run(["run", script.path], mergeErrors: true)
    #expect(result.status == 1, "\(result.output)")
    #expect(result.output.contains("error: train: the training did not finish"))
  }

  @Test func batchnormOnOneValuePerChannelWithBatchOneIsWarned() {
    let h = Self.harness()
    h.run("data bars train=64 test=16 size=12\ninput data\nflatten\ndense 8\nbatchnorm\ndense 4 softmax")
    let out = h.run("train epochs=1 batch=1 test=0")
    #expect(out.contains("warning: batch=1: `batchnorm` on row 3 sees one value per channel"))
    let odd = h.run("train epochs=1 batch=9 limit=64 test=0")  // 64 = 7·9 + 1
    #expect(odd.contains("warning: the last step of each epoch holds 1 image (64 % 9)"))
    let fine = h.run("train epochs=1 batch=8 limit=64 test=0")
    #expect(!fine.contains("warning"))
    // Batchnorm after a conv sees H·W values per channel: batch=1 is fine there.
    let conv = Self.harness()
    conv.run("data bars train=64 test=16 size=12\ninput data\nconv 4 3\nbatchnorm\nflatten\ndense 4 softmax")
    #expect(!conv.run("train epochs=1 batch=1 limit=8 test=0").contains("warning"))
  }

  // MARK: eval, predict, curve, confusion

  @Test func evalPredictCurveAndConfusion() {
    let h = Self.harness()
    h.run(Self.setup)
    h.run("show curve")
    #expect(
      h.errorLines == [
        "error: show curve: there is no training history yet; train first, e.g. `train epochs=1`"
      ])
    h.run("train epochs=1 limit=128")
    let eval = h.run("eval split=train").split(separator: "\n").map(String.init)
    #expect(eval[0].hasPrefix("train: 256 images  loss "))
    #expect(eval[0].contains("  accuracy "))
    #expect(eval[1] == "class   images  accuracy")
    #expect(eval.count == 6)
    #expect(eval[2].hasPrefix("0 0°"))
    h.run("predict 2")
    guard case .picture(.images(let title, _, _), .featureMaps) = h.presenter.events.first,
      case .text(let bars) = h.presenter.events.last
    else {
      Issue.record("predict printed \(h.presenter.events)")
      return
    }
    #expect(title == "test image 2")
    #expect(bars.count == 4)
    #expect(bars.filter { $0.contains("predicted") }.count == 1)
    #expect(bars.filter { $0.contains("label") }.count == 1)
    let curve = h.run("show curve")
    #expect(curve.hasPrefix("loss per step (4 steps)\n"))
    #expect(curve.contains("\nepoch 1/1  loss "))
    #expect(curve.contains("\ntraining accuracy per step (running mean over the epoch)\n1+"))
    let confusion = h.run("show confusion").split(separator: "\n").map(String.init)
    #expect(confusion[1] == "true     0   1   2   3  accuracy")
    #expect(confusion.count == 7)
    #expect(confusion.last?.hasPrefix("overall accuracy ") == true)
    h.run("predict 64")
    #expect(
      h.errorLines == ["error: predict: the test split has images 0 to 63; pick one of those"])
  }

  // MARK: save

  @Test func saveRecordsDataAndTrainingSoReplayRebuildsTheState() throws {
    let h = Self.harness()
    h.run(Self.setup + "\ntrain epochs=1 limit=64 lr=0.01")
    let folder = Paths.temporaryFolder()
    let path = folder.appendingPathComponent("s.cnn").path
    h.run("save \(path)")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("data bars train=256 test=64 size=12\ninput data\n"))
    #expect(text.hasSuffix("dense 4 softmax\ntrain epochs=1 batch=32 lr=0.01 opt=adam limit=64\n"))
    let before = h.run("eval")
    let replay = Self.harness()
    replay.run("run \(path)")
    #expect(replay.errorLines.isEmpty)
    #expect(replay.run("eval") == before)
  }

  // MARK: background training

  @Test func backgroundTrainWaitAndStatus() {
    let h = Self.harness(background: true)
    h.run(Self.setup)
    let started = h.run("train epochs=3 limit=128")
    #expect(started.hasPrefix("training in the background"))
    #expect(h.session.isTraining || h.session.trainer.lastResult != nil)
    h.run("status")
    #expect(h.errorLines.isEmpty)
    let waited = h.run("wait")
    #expect(waited.contains("epoch 1/3  loss "))
    #expect(waited.contains("epoch 3/3  loss "))
    #expect(waited.contains("training finished after 12 steps"))
    #expect(!h.session.isTraining)
    #expect(h.session.modelLockReason == nil)
    let status = h.run("status")
    #expect(status.hasPrefix("training finished after 12 steps\nepoch 3/3  loss "))
    #expect(h.run("wait") == "no training is running\n")
    // The same result as a blocking run.
    let blocking = Self.harness()
    blocking.run(Self.setup + "\ntrain epochs=3 limit=128")
    #expect(blocking.run("eval") == h.run("eval"))
  }

  @Test func stopMidTrainingKeepsTheWeightsAndUnlocksTheModel() {
    let h = Self.harness(background: true)
    h.run(Self.setup)
    h.run("train epochs=10000")
    h.run("pause")
    #expect(h.errorLines.isEmpty)
    h.run("relu")
    #expect(
      h.errorLines == [
        "error: relu: the model cannot change now: a training is running; `stop` or `wait` first"
      ])
    h.run("eval")
    #expect(h.errorLines.first?.hasPrefix("error: eval: a training is running") == true)
    h.run("train")
    #expect(h.errorLines.first?.hasPrefix("error: train: a training is running") == true)
    h.run("save model /tmp/never-written.safetensors")
    #expect(h.errorLines.first?.hasPrefix("error: save model: a training is running") == true)
    h.run("resume\nstop")
    #expect(h.errorLines.isEmpty)
    let waited = h.run("wait")
    #expect(waited.contains("training stopped after "))
    #expect(h.session.trainer.lastResult?.reason == .userStopped)
    h.run("relu\neval")
    #expect(h.errorLines.isEmpty)
    h.run("stop")
    #expect(h.errorLines == ["error: stop: no training is running; start one with `train`"])
    h.run("resume")
    #expect(h.errorLines == ["error: resume: no training is paused; `pause` one first"])
  }

  @Test func scriptsTrainBlockingEvenInLineMode() {
    let h = Self.harness(background: true)
    let result = h.session.runScript(
      text: Self.setup + "\ntrain epochs=2 limit=64\neval\n", name: "s.cnn", echo: false)
    #expect(result.succeeded, "\(h.errorLines)")
    #expect(h.presenter.text.contains("epoch 2/2  loss "))
    #expect(h.presenter.text.contains("\ntest: 64 images  loss "))
    #expect(!h.session.isTraining)
  }

  @Test func steppingThroughADemoTrainsBlocking() {
    let h = Self.harness(background: true)
    let status = LineModeLoop.runStepping(
      session: h.session, text: Self.setup + "\ntrain limit=64\neval\n", name: "demo.cnn",
      readKey: { .advance })
    #expect(status == 0)
    #expect(h.errorLines.isEmpty)
    #expect(h.presenter.text.contains("\ntest: 64 images  loss "))
    #expect(h.session.trainsInBackground)
  }

  /// A stepped demo's comments are the notebook's prose, as in `run FILE`: `export html` and
  /// `export transcript` of a stepped session keep them, in order.
  @Test func steppingRecordsTheCommentsAsProse() {
    let h = Self.harness(background: true)
    let status = LineModeLoop.runStepping(
      session: h.session, text: "# Bars, then a model.\n" + Self.setup + "\n\n# Now train.\ntrain limit=64\n",
      name: "demo.cnn", readKey: { .advance })
    #expect(status == 0)
    let kinds = h.session.transcript.map(\.kind)
    #expect(kinds.first == .comment("# Bars, then a model."))
    let train = kinds.firstIndex(of: .command("train limit=64"))
    #expect(train.map { kinds[$0 - 1] == .comment("# Now train.") } == true, "\(kinds)")
    #expect(kinds.filter { if case .comment = $0 { return true } else { return false } }.count == 2)
  }

  @Test func waitStopsOnInterrupt() {
    let h = Self.harness(background: true)
    h.run(Self.setup)
    h.run("train epochs=10000")
    h.session.interruptCheck = { true }
    let waited = h.run("wait")
    #expect(waited.contains("training stopped after "))
    #expect(!h.session.isTraining)
  }
}
