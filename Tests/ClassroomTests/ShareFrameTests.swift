import Classroom
import Rendering
import Repl
import Testing

/// Every frame kind survives encode → decode, and damaged payloads are refused with a
/// ``ShareError`` instead of crashing the watcher.
struct ShareFrameTests {
  static let display = TrainingDisplay(
    epoch: 2, epochs: 3, step: 17, stepsPerEpoch: 188, imagesPerSecond: 1234.5, etaSeconds: 9,
    loss: [2.3, 1.9, 0.5], accuracy: [0.1, 0.5], expectedPoints: 564, epochBoundaries: [188],
    marks: [ChartMark(index: 2, symbol: "▲", label: "lr=0.01")], state: "training")

  static let frames: [ShareFrame] = [
    .hello(ShareHello(name: "class", version: "0.1.0")),
    .push(
      .append(
        NotebookCell(
          number: 3, command: "conv 8 3",
          output: [
            StyledLine(spans: [StyledSpan("ok ", style: .success), StyledSpan("ü→", style: .error)])
          ]))),
    .push(.append(NotebookCell(number: nil, command: "", output: []))),
    .push(.output(["a", StyledLine("b", style: .dim)], cell: 7)),
    .push(.output([], cell: nil)),
    .push(.clear),
    .push(.output([StyledLine("  1  conv  26x26x8", fit: .cut)], cell: 2)),
    .push(
      .model(
        ModelView(
          table: TextTable(
            columns: [.init("#", rightAligned: true), .init("layer", dropOrder: 1)],
            rows: [["0", "input"], ["1", "conv 8 3"]], flexible: 1),
          totals: ["total 80"], focus: 1, emptyHint: "empty"))),
    .push(.training(nil)),
    .push(.training(display)),
    .push(
      .picture(
        .images(
          title: "conv1",
          images: [
            CaptionedImage(values: [0, 0.5, -1, .infinity], width: 2, height: 2, caption: "f0")
          ],
          palette: .diverging), mode: .featureMaps, show: true)),
    .push(
      .picture(
        .cells(
          title: "grid",
          rows: [
            [TerminalCell("█", foreground: .rgb(RGB(1, 2, 3)), background: .indexed(17)), .blank]
          ]),
        mode: .filters, show: false)),
    .push(.picture(.lines(title: "curve", lines: ["x"]), mode: .curve, show: false)),
    .push(.picture(nil, mode: .featureMaps, show: false)),
    .push(
      .status(
        StatusFields(dataset: "mnist 6,000", model: "61,706 params", training: "t", message: "m"))),
    .training(TrainingUpdate(run: 4, lossFrom: 100, accuracyFrom: 99, display: display)),
    .training(TrainingUpdate(run: 1, display: nil)),
    .forkRequest,
    .forkState(
      ForkState(
        script: "seed 0\ninput 28x28x1\n", weights: [0, 1, 2, 255], dataDirectory: "/data",
        workingDirectory: "/home/t", trainCommands: ["train epochs=1"])),
    .forkState(
      ForkState(
        script: "", weights: [], dataDirectory: nil, workingDirectory: "/", trainCommands: [])),
    .forkRefused("the session has ended"),
  ]

  @Test(arguments: frames)
  func roundTrip(_ frame: ShareFrame) throws {
    let bytes = frame.encoded()
    #expect(ShareFrame.length(prefix: bytes) == bytes.count - 4)
    #expect(try ShareFrame(payload: Array(bytes.dropFirst(4))) == frame)
  }

  @Test(arguments: frames)
  func everyTruncationIsRefused(_ frame: ShareFrame) {
    let payload = Array(frame.encoded().dropFirst(4))
    for cut in 0..<payload.count {
      #expect(throws: ShareError.self) { try ShareFrame(payload: Array(payload.prefix(cut))) }
    }
  }

  @Test func unknownKindsAndHugeCountsAreRefused() {
    #expect(throws: ShareError.self) { try ShareFrame(payload: [99]) }
    #expect(throws: ShareError.self) { try ShareFrame(payload: [1, 42]) }
    // A fork refusal whose text claims 2^40 bytes.
    var w = WireWriter()
    w.byte(5)
    w.int(1 << 40)
    #expect(throws: ShareError.self) { try ShareFrame(payload: w.bytes) }
    // Extra bytes after a complete frame.
    #expect(throws: ShareError.self) { try ShareFrame(payload: [3, 0]) }
  }

  /// A picture push (tag 1, push 5, one `.images` picture) whose one image claims
  /// `width`x`height` with `values` floats.
  static func picture(width: Int, height: Int, values: Int = 0) -> [UInt8] {
    var w = WireWriter()
    w.byte(1)  // push
    w.byte(5)  // picture
    w.bool(true)
    w.byte(0)  // images
    w.string("crafted")
    w.int(1)  // one image
    w.floats([Float](repeating: 0, count: values))
    w.int(width)
    w.int(height)
    w.string("caption")
    w.string(Palette.sequential.rawValue)
    w.string(VisualMode.featureMaps.rawValue)
    w.bool(true)
    return w.bytes
  }

  /// The attack: width = height = 2^32 made `width * height` overflow and every watcher trap.
  /// Now the frame is refused as a bad frame; an honest picture still decodes.
  @Test func aPictureWhoseSidesOverflowIsRefused() throws {
    let honest = try ShareFrame(payload: Self.picture(width: 2, height: 3, values: 6))
    guard case .push(.picture(.images(_, let images, _)?, _, _)) = honest else {
      Issue.record("the honest picture did not decode as one")
      return
    }
    #expect(images.first?.width == 2 && images.first?.height == 3)
    for (width, height) in [(1 << 32, 1 << 32), (1 << 62, 4), (-1, -6), (1 << 17, 0), (3, 3)] {
      #expect(throws: ShareError.self, "\(width)x\(height)") {
        try ShareFrame(payload: Self.picture(width: width, height: height, values: 6))
      }
    }
  }

  /// Every number a training display carries is checked: epochs × steps per epoch could
  /// overflow the progress bar, a NaN ETA could trap its rounding.
  @Test func trainingNumbersOutsideTheirRangesAreRefused() throws {
    var crafted: [TrainingDisplay] = []
    var d = Self.display
    d.epochs = 1 << 40
    d.stepsPerEpoch = 1 << 40
    crafted.append(d)
    d = Self.display
    d.step = -5
    crafted.append(d)
    d = Self.display
    d.etaSeconds = .nan
    crafted.append(d)
    d = Self.display
    d.imagesPerSecond = .infinity
    crafted.append(d)
    d = Self.display
    d.loss = [1e300, -1e300]
    crafted.append(d)
    d = Self.display
    d.testLoss = [ChartPoint(index: -1, value: 1)]
    crafted.append(d)
    for display in crafted {
      let payload = Array(ShareFrame.push(.training(display)).encoded().dropFirst(4))
      #expect(throws: ShareError.self) { try ShareFrame(payload: payload) }
    }
    // A diverged training's NaN and infinite losses still pass: the chart skips them.
    d = Self.display
    d.loss = [.nan, .infinity, 2]
    let honest = ShareFrame.push(.training(d))
    let decoded = try ShareFrame(payload: Array(honest.encoded().dropFirst(4)))
    guard case .push(.training(let back?)) = decoded else {
      Issue.record("the diverged display did not decode")
      return
    }
    #expect(back.loss.count == 3 && back.loss[0].isNaN && back.loss[1] == .infinity)
  }

  @Test func aBadFrameSaysSoInWordsAStudentUnderstands() {
    let message = ShareError.malformedFrame("an image of 4294967296x4294967296 with 0 values")
      .description
    #expect(message.hasPrefix("bad frame from the share"))
    #expect(message.contains("disconnected"))
  }

  @Test func theLengthPrefixIsBigEndian() {
    #expect(ShareFrame.length(prefix: [0, 0, 1, 2]) == 258)
    #expect(ShareFrame.forkRequest.encoded() == [0, 0, 0, 1, 3])
  }
}
