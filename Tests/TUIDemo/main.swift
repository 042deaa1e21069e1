// tui-demo: drives the TUI with a fake REPL so tmux tests can look at a real screen.
// Not a product. Lines: `train` starts a fake training, `fmap` shows pictures, `error` prints
// an error cell, `many` prints 60 lines, `crash` traps, `quit` quits; anything else is echoed. Tab completes from a fixed word list.
import Foundation
import Rendering
import TUI

final class DemoState: @unchecked Sendable {
  private let lock = NSLock()
  private var cellNumber = 0
  private var training = false
  private var layers: [String] = []

  func nextCell() -> Int {
    lock.lock()
    defer { lock.unlock() }
    cellNumber += 1
    return cellNumber
  }

  func setTraining(_ on: Bool) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    let was = training
    training = on
    return was
  }

  var isTraining: Bool {
    lock.lock()
    defer { lock.unlock() }
    return training
  }

  func addLayer(_ text: String) -> ModelView {
    lock.lock()
    defer { lock.unlock() }
    layers.append(text)
    let rows = layers.enumerated().map { ["\($0.offset + 1)", $0.element] }
    return ModelView(
      table: TextTable(columns: [.init("#", rightAligned: true), .init("layer")], rows: rows),
      totals: ["total params: \(layers.count * 80)"])
  }
}

let words = ["conv", "convt", "dense", "dropout", "data", "train", "fmap", "quit", "summary"]
var color = ColorChoice.auto
var charset = Charset.unicode
var fps = 15
var trainAtStart = false
var chartStyle: ChartStyle? = nil
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let arg = arguments.next() {
  switch arg {
  case "--color": color = arguments.next().flatMap(ColorChoice.init(rawValue:)) ?? .auto
  case "--charset": charset = arguments.next().flatMap(Charset.init(rawValue:)) ?? .unicode
  case "--fps": fps = arguments.next().flatMap(Int.init) ?? 15
  case "--train": trainAtStart = true
  case "--chart": chartStyle = arguments.next().flatMap(ChartStyle.init(rawValue:))
  default:
    print("usage: tui-demo [--color auto|always|never] [--charset unicode|ascii] [--fps N] [--train] [--chart braille|blocks|ascii]")
    exit(2)
  }
}

let state = DemoState()
nonisolated(unsafe) var appRef: TUIApp?

func startTraining(_ app: TUIApp) {
  guard !state.setTraining(true) else { return }
  DispatchQueue.global().async {
    let epochs = 3
    let steps = 200
    var loss: [Double] = []
    var accuracy: [Double] = []
    for point in 0..<(epochs * steps) {
      guard state.isTraining else { break }
      Thread.sleep(forTimeInterval: 0.03)
      let t = Double(point)
      loss.append(2.3 * exp(-t / 120) + 0.05 + 0.04 * sin(t / 3))
      accuracy.append(min(1, 0.1 + 0.9 * (1 - exp(-t / 150))))
      let display = TrainingDisplay(
        epoch: point / steps + 1, epochs: epochs, step: point % steps + 1, stepsPerEpoch: steps,
        imagesPerSecond: 2133, etaSeconds: Double(epochs * steps - point) * 0.03, loss: loss,
        accuracy: accuracy, expectedPoints: epochs * steps,
        epochBoundaries: [steps, 2 * steps], marks: point >= 300 ? [ChartMark(index: 300)] : [])
      app.setTraining(display)
      app.setStatus(StatusFields(dataset: "demo", training: "training \(point / steps + 1)/3"))
    }
    _ = state.setTraining(false)
    app.setStatus(StatusFields(dataset: "demo", training: "idle"))
  }
}

func gradientPictures() -> VisualPicture {
  let images = (0..<8).map { ch in
    CaptionedImage(
      values: (0..<64).map { (i: Int) -> Float in
        let sign = ch % 2 == 0 ? 1 : -1
        return Float((i % 8) * sign + (i / 8) * ch)
      },
      width: 8, height: 8, caption: "\(ch)")
  }
  return .images(title: "demo", images: images, palette: .sequential)
}

let callbacks = TUICallbacks(
  onLine: { line in
    guard let app = appRef else { return }
    let n = state.nextCell()
    let command = line.trimmingCharacters(in: .whitespaces)
    switch command.split(separator: " ").first.map(String.init) ?? "" {
    case "quit":
      app.requestQuit()
    case "crash":
      // A programming error on the UI thread: the fatal-signal hook must still restore the tty.
      let empty: [Int] = []
      print(empty[n])
    case "step":
      app.setPrompt("step> ")
      app.setInput("conv 8 3")
    case "many":
      for i in 1...60 {
        app.append(NotebookCell(number: nil, command: "", output: [StyledLine("line \(i)")]))
      }
    case "train":
      app.append(NotebookCell(number: n, command: command, output: ["training started"]))
      startTraining(app)
    case "fmap":
      app.append(NotebookCell(number: n, command: command, output: ["feature maps shown"]))
      app.setPicture(gradientPictures(), for: .featureMaps, show: true)
    case "error":
      app.append(
        NotebookCell(
          number: n, command: command,
          output: [StyledLine("error: error: this is a demo error; try another word", style: .error)]))
    case "conv", "dense":
      app.append(NotebookCell(number: n, command: command, output: ["added"]))
      app.setModel(state.addLayer(command))
    case "":
      break
    default:
      app.append(NotebookCell(number: n, command: command, output: [StyledLine("echo: \(command)")]))
    }
  },
  completions: { line, cursor in
    let prefix = String(line.prefix(cursor))
    let word = prefix.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    return words.filter { $0.hasPrefix(word) }
  },
  onPreview: { line in
    var row: StyledLine? = nil
    if line.hasPrefix("conv") { row = StyledLine("+ \(line) -> 26x26x8 (preview)", style: .accent) }
    if line.hasPrefix("bad") { row = StyledLine("error: bad: not a layer", style: .error) }
    appRef?.setPreview(row, for: line)
  },
  onInterrupt: {
    if state.setTraining(false) { appRef?.appendOutput(["interrupted"]) }
  })

let app = TUIApp(
  options: TUIOptions(
    fps: fps, color: color, charset: charset, chartStyle: chartStyle, prompt: "> ",
    helpLines: [StyledLine("demo words: \(words.joined(separator: " "))")],
    environment: ProcessInfo.processInfo.environment),
  callbacks: callbacks)
appRef = app
app.append(NotebookCell(number: nil, command: "", output: ["tui-demo: type a word, Tab completes"]))
app.setModel(
  ModelView(
    table: TextTable(columns: [.init("#"), .init("layer")], rows: []), totals: ["total params: 0"],
    emptyHint: "empty: conv or dense adds a layer"))
app.setStatus(StatusFields(dataset: "demo", model: "0 params", training: "idle"))
do {
  try app.start()
} catch {
  FileHandle.standardError.write(Data("tui-demo: \(error)\n".utf8))
  exit(1)
}
if trainAtStart { startTraining(app) }
let reason = app.wait()
switch reason {
case .quit: print("tui-demo: quit")
case .endOfInput: print("tui-demo: end of input")
case .signal(let sig):
  print("tui-demo: signal \(sig)")
  exit(128 + sig)
}
