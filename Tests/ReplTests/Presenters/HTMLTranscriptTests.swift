import Datasets
import Foundation
import Rendering
import Repl
import ReplTestSupport
import TestSupport
import Testing

/// `export html FILE`: one self-contained page; its pictures decode to the very pixels of the
/// pictures shown; text is escaped; a real browser lays the images out at their size.
@Suite
struct HTMLTranscriptTests {
  /// The `data:image/png;base64,…` payloads of `html`, in order.
  static func embeddedPNGs(_ html: String) throws -> [[UInt8]] {
    let marker = "src=\"data:image/png;base64,"
    return try html.components(separatedBy: marker).dropFirst().map { rest in
      let payload = try #require(rest.split(separator: "\"", maxSplits: 1).first)
      return try [UInt8](#require(Data(base64Encoded: String(payload))))
    }
  }

  /// A `train` typed at the prompt runs in the background, its lines drawn live by the front
  /// end; once it has ended, its cell holds every epoch line, the stop line and the loss chart,
  /// so the page (and `export transcript`) shows what the screen showed.
  @Test func aBackgroundTrainingReportsIntoItsOwnCell() throws {
    let h = SessionHarness(mode: .interactive)
    h.session.trainsInBackground = true
    h.session.chartStyle = .ascii
    h.run(TrainingCommandTests.setup)
    h.run("train epochs=2 batch=32")
    #expect(SetCommandTests.eventually { !h.session.isTraining })
    h.run("summary")
    let cell = try #require(h.session.transcript.first { $0.kind == .command("train epochs=2 batch=32") })
    let lines = cell.events.flatMap(TranscriptRenderer.lines(for:))
    let history = h.session.trainer.history
    #expect(lines.first?.hasPrefix("training in the background") == true)
    #expect(history.epochs.count == 2)
    for summary in history.epochs {
      #expect(lines.contains(TrainingReport.epochLine(summary, epochs: 2)))
    }
    #expect(lines.contains { $0.hasPrefix("training finished after ") })
    let chart = TrainingReport.lossChart(history, style: .ascii)
    #expect(!chart.isEmpty && lines.suffix(chart.count) == chart[...])
    // Recorded once: the next command's cell holds only its own output.
    let summaryCell = try #require(h.session.transcript.last)
    #expect(summaryCell.kind == .command("summary"))
    #expect(!summaryCell.events.contains { event in
      if case .text(let lines) = event { return lines.contains { $0.hasPrefix("epoch ") } }
      return false
    })
    let path = Paths.temporaryFolder().appendingPathComponent("trained.html").path
    h.run("export html \(path)")
    let html = try String(contentsOfFile: path, encoding: .utf8)
    #expect(html.contains(HTMLTranscript.escaped(TrainingReport.epochLine(history.epochs[1], epochs: 2))))
    // The loss chart is a vector drawing of the step losses: one point per step, where
    // ChartSVG puts it, the epoch start dashed; its text drawing is not repeated.
    let figure = try #require(TrainingReport.lossFigure(history, style: .ascii))
    #expect(html.components(separatedBy: "<svg ").count == 2)
    let points = try #require(html.components(separatedBy: "<polyline class=\"series\" points=\"").dropFirst().first?
      .split(separator: "\"").first).split(separator: " ")
    #expect(points.count == history.steps.count)
    let range = ChartSVG.range(of: figure)
    for (i, point) in points.enumerated() {
      let p = ChartSVG.point(index: i, count: points.count, value: figure.values[i], range: range)
      #expect(point == "\(String(format: "%.1f", p.x)),\(String(format: "%.1f", p.y))")
    }
    #expect(html.components(separatedBy: "<line class=\"epoch\"").count - 1 == figure.epochBoundaries.count)
    #expect(figure.epochBoundaries.count == 1)
    #expect(!html.contains(HTMLTranscript.escaped(chart[1])))
  }

  @Test func thePageHoldsEveryCellAndThePicturesPixels() throws {
    let h = ShowFilterValuesTests.harness()
    let path = Paths.temporaryFolder().appendingPathComponent("notes.html").path
    h.run("# The first <script>alert(1)</script> layer's \u{1B}[31mkernels:")
    h.run("show filters 1")
    let shown = h.presenter.events.compactMap { event -> VisualPicture? in
      guard case .picture(let picture, _) = event else { return nil }
      return picture
    }
    let picture = try #require(shown.first)
    h.run("show stats")
    let out = h.run("export html \(path)")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("wrote ") && out.contains("cells and 1 picture to "), "\(out)")
    let html = try String(contentsOfFile: path, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<meta name=\"viewport\""))
    // Every command of the session, its output, and the comment as prose, escaped.
    #expect(html.contains("&gt; conv 4 3 relu</pre>"))
    #expect(html.contains("&gt; show filters 1</pre>"))
    #expect(html.contains("&gt; show stats</pre>"))
    #expect(html.contains("weights from -"))
    #expect(html.contains("<p>The first &lt;script&gt;alert(1)&lt;/script&gt; layer&#39;s ^[[31mkernels:</p>"))
    #expect(!html.contains("<script") && !html.contains("\u{1B}"))
    // Self-contained: nothing to fetch.
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"))
    // The picture: the raster's exact pixels, at its size, with its title.
    let raster = try #require(PictureRaster.of(picture))
    let pngs = try Self.embeddedPNGs(html)
    #expect(pngs.count == 1)
    let decoded = try PNGCodec.decode(try #require(pngs.first))
    #expect(decoded.width == raster.width && decoded.height == raster.height)
    #expect(decoded.samples.map { UInt8($0) } == raster.samples)
    #expect(html.contains("width=\"\(raster.width)\" height=\"\(raster.height)\""))
    #expect(html.contains("<figcaption>\(HTMLTranscript.escaped(picture.title))"))
  }

  @Test func refusesAnotherExtensionAndKeepsFiles() throws {
    let h = ShowFilterValuesTests.harness()
    let folder = Paths.temporaryFolder()
    h.run("export html \(folder.appendingPathComponent("x.md").path)")
    #expect(h.errorLines.first?.hasPrefix("error: export html:") == true, "\(h.errorLines)")
    let kept = folder.appendingPathComponent("kept.html").path
    try Data("mine".utf8).write(to: URL(fileURLWithPath: kept))
    h.run("export html \(kept)")
    #expect(h.errorLines.first?.contains("force=yes") == true, "\(h.errorLines)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == Data("mine".utf8))
  }

  /// A gallery session exported by the real binary, opened in headless Chromium: a screenshot
  /// shows each picture where the page puts it, at the size the page gives it (its PNG size,
  /// or narrower in the same proportions when the page is narrower). The pictures' dark grey
  /// frame (``PictureRaster/background``) is found pixel-exactly in the screenshot.
  @Test func aBrowserShowsThePicturesAtTheirSize() throws {
    let chromium = try #require(
      ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
      }, "Chromium is needed for this test (make test installs it with apt-get)")
    try #require(Executable.available, "the cnnrepl binary is not built")
    let folder = Paths.temporaryFolder("cnnrepl-html")
    let page = folder.appendingPathComponent("handout.html")
    let gallery = Paths.packageRoot.appendingPathComponent("sessions/inside-the-net.cnn")
    let script = folder.appendingPathComponent("session.cnn")
    try (String(contentsOf: gallery, encoding: .utf8) + "\nexport html \(page.path) force=yes\n")
      .write(to: script, atomically: true, encoding: .utf8)
    let run = try Executable.run(["run", script.path], in: folder)
    #expect(run.status == 0, "\(run.error)")
    let html = try String(contentsOf: page, encoding: .utf8)
    // The images' sizes, in page order (the charts' SVGs have sizes too, and no frame).
    let sizes: [(width: Int, height: Int)] = html.components(separatedBy: "<img ").dropFirst()
      .compactMap { image in
        guard let rest = image.components(separatedBy: "\" width=\"").dropFirst().first else {
          return nil
        }
        let numbers = rest.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
      }
    #expect(sizes.count >= 8, "\(sizes.count) pictures")

    let shot = folder.appendingPathComponent("shot.png")
    try? FileManager.default.removeItem(at: shot)
    let browser = Process()
    browser.executableURL = URL(fileURLWithPath: chromium)
    browser.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--disable-dev-shm-usage", "--no-first-run",
      "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
      "--force-device-scale-factor=1", "--window-size=1000,5000", "--virtual-time-budget=5000",
      "--screenshot=\(shot.path)", page.absoluteString,
    ]
    browser.standardOutput = FileHandle.nullDevice
    browser.standardError = FileHandle.nullDevice
    try browser.run()
    // A browser that hangs must not hang the suite: stopped after 5 minutes (it takes ~2 s).
    let guardTimer = DispatchSource.makeTimerSource()
    guardTimer.schedule(deadline: .now() + 300)
    guardTimer.setEventHandler { if browser.isRunning { browser.terminate() } }
    guardTimer.resume()
    browser.waitUntilExit()
    guardTimer.cancel()
    #expect(browser.terminationStatus == 0, "chromium exited with \(browser.terminationStatus)")
    let image = try PNGCodec.decode([UInt8](Data(contentsOf: shot)), maxPixels: 10_000_000)
    #expect(image.width == 1000 && image.height == 5000)

    // Bands of rows holding frame pixels: one per picture (captions and text lie between).
    let frame = PictureRaster.background
    var bands: [(top: Int, bottom: Int, left: Int, right: Int)] = []
    for y in 0..<image.height {
      var left = Int.max
      var right = -1
      for x in 0..<image.width {
        let i = image.channels * (y * image.width + x)
        if UInt8(image.samples[i]) == frame.red && UInt8(image.samples[i + 1]) == frame.green
          && UInt8(image.samples[i + 2]) == frame.blue
        {
          left = min(left, x)
          right = x
        }
      }
      guard right >= 0 else { continue }
      if let last = bands.last, last.bottom == y - 1 {
        bands[bands.count - 1] = (last.top, y, min(last.left, left), max(last.right, right))
      } else {
        bands.append((y, y, left, right))
      }
    }
    // The last band may run off the screenshot's bottom.
    let whole = bands.filter { $0.bottom < image.height - 1 }
    #expect(whole.count >= 3, "\(whole.count) pictures found in the screenshot")
    for (band, size) in zip(whole, sizes) {
      let (width, height) = (band.right - band.left + 1, band.bottom - band.top + 1)
      if size.width <= 900 {
        #expect(abs(width - size.width) <= 1 && abs(height - size.height) <= 1, "\(band) \(size)")
      } else {
        let expected = Double(size.height) * Double(width) / Double(size.width)
        #expect(width <= size.width && abs(Double(height) - expected) <= 2, "\(band) \(size)")
      }
    }
  }
}
