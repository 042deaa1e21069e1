import Rendering
import CNcursesw
import CReadline
import Foundation

/// The full-screen session on the UI thread: owns ncurses, readline and the pane state, and
/// runs the loop (blocking `wgetch` with a `1000/fps` ms timeout; `KEY_RESIZE` from ncurses' own
/// SIGWINCH handler; signals as flags; pushed updates drained every tick; only dirty panes are
/// redrawn, each `wnoutrefresh`ed, then one `doupdate`).
///
/// Every method must run on the thread that created it (`assertUIThread`).
final class TerminalSession {
  typealias Window = UnsafeMutablePointer<WINDOW>

  enum Pane: CaseIterable {
    case notebook, model, training, visual, status, notice, input
  }

  private let options: TUIOptions
  private let callbacks: TUICallbacks
  private let mailbox: Mailbox
  private let signals: SignalWatcher
  private let thread = pthread_self()

  private var charset: Charset
  private var requestedDepth: ColorDepth
  private var canvas: CursesCanvas?
  private var screen: OpaquePointer?
  private var layout = PaneLayout(kind: .tooSmall)
  private var windows: [Pane: Window] = [:]
  private var dirty: Set<Pane> = []

  private var notebook = NotebookPane()
  private var model = ModelView(table: TextTable(columns: [], rows: []))
  private var training: TrainingDisplay?
  private var pictures: [VisualMode: VisualPicture] = [:]
  private var visualMode = VisualMode.featureMaps
  /// The picture pane was brought up (a picture command, F2-F4).
  private var showVisual = false
  /// The user closed the picture pane where the wide layout would show it anyway.
  private var visualDismissed = false
  /// Rows the picture pane is scrolled down (Shift-PgDn).
  private var visualScroll = 0
  /// Counts pushes that change what the picture pane draws (its row count's cache key).
  private var pictureStamp = 0
  private var pictureRows: (stamp: Int, mode: VisualMode, width: Int, rows: Int)?
  /// The model and training panes the user hid with F5/F6 or `pane … off` (the picture pane
  /// has `showVisual` and `visualDismissed`).
  private var hiddenPanes: Set<PaneName> = []
  private var status = StatusFields()
  private var preview: StyledLine?
  private var previewedLine: String?
  private var completionFooter: [StyledLine] = []
  private var helpShown = false
  private var helpScroll = 0
  /// Wheel reports picked out of the key bytes (when ``TUIOptions/mouse``).
  private var mouseReports = MouseReportParser()
  /// The pushed input that a space runs while the line still reads exactly this (`--step`).
  private var spaceRunsLine: [UInt8]?
  private var exitReason: TUIExitReason?
  /// How the picture pane draws pictures of images (`set graphics=…` changes it).
  private var graphics: GraphicsProtocol
  /// Counts changes of each mode's picture (not of the training display).
  private var pictureVersions: [VisualMode: Int] = [:]
  /// The terminal's cell in pixels, read at each layout (a font change resizes the window too).
  private var cell = CellPixels.standard
  /// The picture the terminal holds as the pane's kitty image, nil when it holds none.
  private var uploadedImage: UploadedImage?

  /// What an uploaded image was made for: a new picture, or new cells for it (the pane or
  /// the terminal's cell resized), uploads anew.
  private struct UploadedImage: Equatable {
    var version: Int
    var mode: VisualMode
    var fit: TerminalImageFit
    var cell: CellPixels
  }

  /// The kitty image id of the picture pane (also its placeholders' colour index), drawn at
  /// start so that two cnnrepl screens in one terminal window (tmux panes, a watcher beside
  /// its teacher) rarely share one.
  private let imageID = UInt8.random(in: 16...255)

  init(options: TUIOptions, callbacks: TUICallbacks, mailbox: Mailbox, signals: SignalWatcher) {
    self.options = options
    self.callbacks = callbacks
    self.mailbox = mailbox
    self.signals = signals
    charset = options.charset
    graphics = options.graphics
    requestedDepth = ColorCapability.detect(
      choice: options.color, environment: options.environment, isTerminal: true)
  }

  func assertUIThread() {
    precondition(pthread_equal(thread, pthread_self()) != 0, "ncurses used off the UI thread")
  }

  // MARK: - Start and restore

  /// Enters curses mode and installs readline. Throws (with the terminal untouched) on failure.
  func open() throws {
    assertUIThread()
    setlocale(LC_ALL, "")
    if charset == .unicode, String(cString: nl_langinfo(Int32(CODESET))) != "UTF-8" {
      if setlocale(LC_CTYPE, "C.UTF-8") == nil { charset = .ascii }
    }
    guard let screen = cnn_newterm_stdio() else { throw TUIError.cursesFailed }
    self.screen = screen
    UIContext.session = self
    cnn_tui_install_fatal_restore()
    signals.start()
    cbreak()
    noecho()
    nonl()
    _ = curs_set(1)
    if options.mouse { cnn_tui_mouse_wheel(1) }
    canvas = CursesCanvas(requested: requestedDepth)
    ReadlineBridge.install(prompt: options.prompt)
    relayout()
  }

  /// Leaves curses mode: readline handler removed, windows freed, cursor visible, `endwin`.
  /// Safe to call twice.
  func restore() {
    assertUIThread()
    guard screen != nil else { return }
    forgetImage()
    ReadlineBridge.remove()
    for window in windows.values { delwin(window) }
    windows.removeAll()
    _ = curs_set(1)
    if options.mouse { cnn_tui_mouse_wheel(0) }
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
    cnn_tui_remove_fatal_restore()
    signals.stop()
    UIContext.session = nil
  }

  // MARK: - The loop

  func run() -> TUIExitReason {
    assertUIThread()
    apply(mailbox.take())
    draw()
    while exitReason == nil {
      let key = windows[.input].map { wgetch($0) } ?? ERR
      handleSignals()
      if exitReason != nil { break }
      if key == ERR, inputHungUp() {
        exitReason = .signal(SIGHUP)
        break
      }
      if key == KEY_RESIZE {
        relayout()
      } else if key != ERR {
        handleKey(key)
      }
      apply(mailbox.take())
      draw()
    }
    restore()
    return exitReason ?? .quit
  }

  /// A byte from the keyboard: the wheel scrolls the notebook, the rest goes to readline.
  private func handleKey(_ key: Int32) {
    guard options.mouse, (0...255).contains(key) else { return feedReadline(key) }
    switch mouseReports.feed(UInt8(key)) {
    case nil, .ignored: return
    case .wheel(let up): scrollNotebook(pages: nil, lines: up ? Self.wheelLines : -Self.wheelLines)
    case .keys(let bytes): for byte in bytes { feedReadline(Int32(byte)) }
    }
  }

  /// Lines one wheel notch scrolls.
  static let wheelLines = 3

  private func feedReadline(_ key: Int32) {
    if key != 9, !completionFooter.isEmpty {
      completionFooter = []
      updateFooter()
    }
    cnn_tui_rl_feed(spaceRunsTheLine(key) ? 13 : key)
    readlineRedisplay()
  }

  /// Whether `key` is a space typed on the untouched line pushed with `spaceRuns` (Enter then).
  private func spaceRunsTheLine(_ key: Int32) -> Bool {
    guard key == 32, let line = spaceRunsLine else { return false }
    return lineBuffer() == line && Int(cnn_rl_point()) == line.count
  }

  /// Whether the terminal went away (SSH drop, pty closed) without a SIGHUP reaching us:
  /// `wgetch` would then return `ERR` at once, forever.
  private func inputHungUp() -> Bool {
    var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    let hangup = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
    return poll(&descriptor, 1, 0) > 0 && descriptor.revents & hangup != 0
  }

  private func handleSignals() {
    for sig in signals.take() {
      if sig == SIGINT {
        callbacks.onInterrupt()
        cnn_tui_rl_clear_line()
        completionFooter = []
        updateFooter()
        readlineRedisplay()
      } else {
        exitReason = .signal(sig)
      }
    }
  }

  private func apply(_ update: ScreenUpdate) {
    guard !update.isEmpty else { return }
    for operation in update.notebook {
      switch operation {
      case .append(let cell): notebook.append(cell)
      case .output(let lines, let cell): notebook.appendOutput(lines, toCell: cell)
      case .clear: notebook = NotebookPane()
      }
      dirty.insert(.notebook)
    }
    if let view = update.model {
      model = view
      dirty.insert(.model)
    }
    if let (line, row) = update.preview, line == previewedLine {
      preview = row
      dirty.formUnion([.model, .status])
    }
    for (pane, shown) in update.panes { setPane(pane, shown: shown) }
    if let display = update.training {
      training = display
      pictureStamp += 1
      dirty.formUnion([.training, .visual])
    }
    if let chosen = update.graphics, chosen != graphics {
      graphics = chosen
      pictureStamp += 1
      dirty.insert(.visual)
    }
    for (mode, picture) in update.pictures {
      pictures[mode] = picture
      pictureStamp += 1
      pictureVersions[mode, default: 0] += 1
      dirty.insert(.visual)
    }
    if let mode = update.showVisual {
      visualMode = mode
      visualScroll = 0
      showVisual = true
      visualDismissed = false
      dirty.insert(.visual)
    }
    if let fields = update.status {
      status = fields
      dirty.insert(.status)
    }
    if let prompt = update.prompt {
      rl_set_prompt(prompt)
      readlineRedisplay()
    }
    if let text = update.input {
      cnn_tui_rl_set_line(text)
      spaceRunsLine = update.inputRunsOnSpace ? Array(text.utf8) : nil
      readlineRedisplay()
    }
    if update.quit { exitReason = .quit }
    relayoutIfNeeded()
  }

  private func setPane(_ pane: PaneName, shown: Bool?) {
    switch pane {
    case .picture:
      let visible = layout.visual != nil
      if shown ?? !visible {
        showVisual = true
        visualDismissed = false
      } else {
        showVisual = false
        visualDismissed = true
      }
    case .model, .training:
      if shown ?? hiddenPanes.contains(pane) {
        hiddenPanes.remove(pane)
      } else {
        hiddenPanes.insert(pane)
      }
    }
    relayoutIfNeeded()
  }

  // MARK: - Layout and drawing

  private func screenSize() -> (columns: Int, rows: Int) {
    var rows: Int32 = 0
    var cols: Int32 = 0
    cnn_getmaxyx(cnn_stdscr(), &rows, &cols)
    return (Int(cols), Int(rows))
  }

  /// What the panes want now, for ``PaneLayout``.
  private func demand(columns: Int, rows: Int) -> PaneDemand {
    let wideCapable =
      columns >= PaneLayout.notebookColumns + PaneLayout.sideColumns && rows - 2 >= 14
    let visual =
      showVisual || (wideCapable && !visualDismissed)
    let visualWidth = wideCapable ? columns - PaneLayout.notebookColumns : columns
    return PaneDemand(
      model: !hiddenPanes.contains(.model), modelRows: model.wantedRows + (preview == nil ? 0 : 1),
      training: !hiddenPanes.contains(.training), trainingActive: training?.isActive ?? false,
      visual: visual, visualRows: visual ? wantedPictureRows(width: max(1, visualWidth)) : 0)
  }

  /// Rows the picture pane would fill at `width` (title included), drawn once per change.
  private func wantedPictureRows(width: Int) -> Int {
    if let cached = pictureRows, cached.stamp == pictureStamp, cached.mode == visualMode,
      cached.width == width
    {
      return cached.rows
    }
    let rows =
      VisualPane.content(
        mode: visualMode, picture: pictures[visualMode], training: training, width: width,
        height: 12, depth: canvas?.depth ?? .none, charset: charset,
        chartStyle: options.chartStyle, pixels: panePixels
      ).count + 1
    pictureRows = (pictureStamp, visualMode, width, rows)
    return rows
  }

  /// Recomputes the layout and rebuilds the windows only when a pane moved.
  private func relayoutIfNeeded() {
    let size = screenSize()
    let next = PaneLayout.compute(
      columns: size.columns, rows: size.rows, demand: demand(columns: size.columns, rows: size.rows))
    if next != layout { relayout() }
  }

  private func relayout() {
    cell = readCellPixels()
    let size = screenSize()
    layout = PaneLayout.compute(
      columns: size.columns, rows: size.rows, demand: demand(columns: size.columns, rows: size.rows))
    for window in windows.values { delwin(window) }
    windows.removeAll()
    let rects: [Pane: Rect?] = [
      .notebook: layout.notebook, .model: layout.model, .training: layout.training,
      .visual: layout.visual, .status: layout.status, .notice: layout.notice,
      .input: layout.input ?? Rect(x: 0, y: 0, width: 1, height: 1),
    ]
    for (pane, rect) in rects {
      guard let rect, !rect.isEmpty,
        let window = newwin(
          Int32(rect.height), Int32(rect.width), Int32(rect.y), Int32(rect.x))
      else { continue }
      if pane == .input {
        keypad(window, false)
        meta(window, true)
        wtimeout(window, options.tickMilliseconds)
      } else {
        leaveok(window, true)
      }
      windows[pane] = window
    }
    werase(cnn_stdscr())
    wnoutrefresh(cnn_stdscr())
    dirty = Set(Pane.allCases)
    updateFooter()
    readlineRedisplay()
  }

  /// The help text: every key, then the owner's lines (the commands).
  private var helpLines: [StyledLine] { KeyCommand.helpLines + options.helpLines }

  private func rows(for pane: Pane, width: Int, height: Int) -> [PaneRow] {
    switch pane {
    case .notebook:
      if helpShown {
        return HelpPane.render(helpLines, width: width, height: height, scroll: helpScroll)
          .map { .text($0) }
      }
      return notebook.render(width: width, height: height).map { .text($0) }
    case .model:
      return ModelPane.render(
        model, preview: preview, width: width, height: height, charset: charset
      ).map { .text($0) }
    case .training:
      return TrainingPane.render(
        training, width: width, height: height, charset: charset, title: height >= 4,
        chartStyle: options.chartStyle
      ).map { .text($0) }
    case .visual:
      return VisualPane.render(
        mode: visualMode, picture: pictures[visualMode], training: training, width: width,
        height: height, depth: canvas?.depth ?? .none, charset: charset,
        chartStyle: options.chartStyle, scroll: visualScroll, pixels: panePixels)
    case .status:
      let folded = layout.model == nil ? preview : nil
      return [.text(StatusLine.render(status, preview: folded, width: width, charset: charset))]
    case .notice:
      let text = "too small: need \(PaneLayout.minimumColumns)x\(PaneLayout.minimumRows)"
      return StyledLine(text, style: .warning).wrapped(width: width).map { .text($0) }
    case .input:
      return []
    }
  }

  private func draw() {
    guard let canvas, !dirty.isEmpty else { return }
    for pane in dirty where pane != .input {
      guard let window = windows[pane] else { continue }
      var height: Int32 = 0
      var width: Int32 = 0
      cnn_getmaxyx(window, &height, &width)
      canvas.draw(rows(for: pane, width: Int(width), height: Int(height)), in: window)
      if pane == .visual { syncImage(width: Int(width), height: Int(height)) }
      wnoutrefresh(window)
    }
    if windows[.visual] == nil { forgetImage() }
    if let input = windows[.input] { wnoutrefresh(input) }
    doupdate()
    dirty.removeAll()
  }

  // MARK: - Pixels (kitty placeholders)

  /// The picture pane's kitty pixels: with `graphics` kitty and 256 colours (the placeholders'
  /// colour is the image id), nil otherwise.
  private var panePixels: PanePixels? {
    guard graphics == .kitty, let canvas, canvas.depth >= .ansi256 else { return nil }
    return PanePixels(id: imageID, cell: cell)
  }

  /// Makes the terminal hold the picture the pane at `width x height` shows as placeholders:
  /// uploaded once per picture, pane size and cell size; deleted when the pane shows none.
  private func syncImage(width: Int, height: Int) {
    let room = height - 1
    guard let pixels = panePixels, room > 0,
      let fit = pixels.fit(for: pictures[visualMode], width: width, height: room)
    else {
      forgetImage()
      return
    }
    let wanted = UploadedImage(
      version: pictureVersions[visualMode, default: 0], mode: visualMode, fit: fit, cell: cell)
    guard wanted != uploadedImage,
      let placement = pixels.placement(for: pictures[visualMode], width: width, height: room)
    else { return }
    let png = options.pngEncoder?(
      placement.raster.samples, placement.raster.width, placement.raster.height)
    writeToTerminal(placement.upload(png: png, throughTmux: options.graphicsThroughTmux))
    uploadedImage = wanted
  }

  /// Deletes the pane's image from the terminal (its placeholders are gone or going).
  private func forgetImage() {
    guard uploadedImage != nil else { return }
    let delete = KittyGraphics.delete(id: UInt32(imageID))
    writeToTerminal(options.graphicsThroughTmux ? TmuxPassthrough.wrap(delete) : delete)
    uploadedImage = nil
  }

  /// Writes an escape straight to the terminal, beside ncurses (it moves no cursor and
  /// changes no cell, so ncurses' picture of the screen stays true).
  private func writeToTerminal(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { return }
      bytes = bytes.dropFirst(written)
    }
  }

  /// The cell size the terminal reports (the standard cell when it reports no pixels).
  private func readCellPixels() -> CellPixels {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return .standard }
    return CellPixels.of(
      columns: Int(size.ws_col), rows: Int(size.ws_row), pixelWidth: Int(size.ws_xpixel),
      pixelHeight: Int(size.ws_ypixel))
  }

  private func updateFooter() {
    notebook.footer = completionFooter
    dirty.insert(.notebook)
  }

  // MARK: - Readline callbacks (UI thread, from C)

  private func lineBuffer() -> [UInt8] {
    guard let buffer = cnn_rl_line_buffer() else { return [] }
    let end = Int(cnn_rl_end())
    return buffer.withMemoryRebound(to: UInt8.self, capacity: end) {
      Array(UnsafeBufferPointer(start: $0, count: end))
    }
  }

  func readlineRedisplay() {
    guard let window = windows[.input] else { return }
    let buffer = lineBuffer()
    let prompt = cnn_rl_display_prompt().map { String(cString: $0) } ?? options.prompt
    var height: Int32 = 0
    var width: Int32 = 0
    cnn_getmaxyx(window, &height, &width)
    let view = InputLineView.render(
      prompt: prompt, buffer: buffer, point: Int(cnn_rl_point()), width: Int(width))
    werase(window)
    mvwaddstr(window, 0, 0, view.text)
    wmove(window, 0, Int32(min(view.cursorColumn, Int(width) - 1)))
    dirty.insert(.input)
    let line = String(decoding: buffer, as: UTF8.self)
    if line != previewedLine {
      previewedLine = line
      if line.trimmingCharacters(in: .whitespaces).isEmpty {
        if preview != nil {
          preview = nil
          dirty.formUnion([.model, .status])
        }
      } else {
        callbacks.onPreview(line)
      }
    }
  }

  func lineFinished(_ text: UnsafeMutablePointer<CChar>?) {
    guard let text else {
      exitReason = .endOfInput
      return
    }
    let line = String(cString: text)
    free(text)
    spaceRunsLine = nil
    if !line.trimmingCharacters(in: .whitespaces).isEmpty { add_history(line) }
    helpShown = false
    completionFooter = []
    updateFooter()
    notebook.top = nil
    notebook.shift = 0
    revealNotebook()
    // What onLine pushes is applied by the loop after readline has reset its line state
    // (applying it here would let readline wipe a `setInput`).
    callbacks.onLine(line)
  }

  func complete(start: Int, end: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    cnn_tui_rl_set_completion_over()
    let buffer = lineBuffer()
    let point = min(Int(cnn_rl_point()), buffer.count)
    let line = String(decoding: buffer, as: UTF8.self)
    let cursor = String(decoding: buffer[..<point], as: UTF8.self).count
    let candidates = callbacks.completions(line, cursor)
    guard let first = candidates.first else { return nil }
    var common = first
    for candidate in candidates.dropFirst() {
      common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
    }
    let entries = candidates.count == 1 ? [first] : [common] + candidates
    let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
    guard let raw = malloc(size) else { return nil }
    let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
    for (i, entry) in entries.enumerated() { array[i] = strdup(entry) }
    array[entries.count] = nil
    return array
  }

  func displayMatches(
    _ matches: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int, longest: Int
  ) {
    guard let matches, count > 0 else { return }
    let words = (1...count).compactMap { matches[$0].map { String(cString: $0) } }
    let width = max(1, windows[.notebook].map { Int(getmaxx($0)) } ?? 80)
    let column = longest + 2
    let perLine = max(1, width / column)
    var lines: [StyledLine] = []
    var index = 0
    while index < words.count {
      let row = words[index..<min(words.count, index + perLine)]
      let text = row.map { $0.padding(toLength: column, withPad: " ", startingAt: 0) }.joined()
      lines.append(StyledLine(text, style: .accent))
      index += perLine
    }
    completionFooter = lines
    helpShown = false
    updateFooter()
    revealNotebook()
  }

  /// In the stacked layout a submitted line, a completion list and the help need the
  /// notebook's rows: the picture pane closes (the next picture command brings it back).
  private func revealNotebook() {
    guard showVisual, layout.kind != .wide else { return }
    showVisual = false
    relayoutIfNeeded()
  }

  func perform(_ command: KeyCommand) {
    switch command {
    case .pageUp, .pageDown:
      let pages = command == .pageUp ? 1 : -1
      if helpShown {
        scrollHelp(pages: pages)
      } else {
        scrollNotebook(pages: pages)
      }
    case .previousCell, .nextCell:
      let (width, height) = notebookSize()
      notebook.jump(cells: command == .previousCell ? -1 : 1, width: width, height: height)
      dirty.insert(.notebook)
    case .shiftLeft, .shiftRight:
      let (width, _) = notebookSize()
      let step = max(1, width / 2)
      notebook.shift(by: command == .shiftRight ? step : -step, width: width)
      dirty.insert(.notebook)
    case .pictureUp, .pictureDown:
      scrollVisual(pages: command == .pictureUp ? -1 : 1)
    case .help:
      helpShown.toggle()
      helpScroll = 0
      dirty.insert(.notebook)
      if helpShown { revealNotebook() }
    case .featureMaps: toggleVisual(.featureMaps)
    case .filters: toggleVisual(.filters)
    case .curve: toggleVisual(.curve)
    case .toggleModel: setPane(.model, shown: nil)
    case .toggleTraining: setPane(.training, shown: nil)
    case .redraw:
      clearok(cnn_curscr(), true)
      relayout()
    }
  }

  private func notebookSize() -> (width: Int, height: Int) {
    let height = windows[.notebook].map { Int(getmaxy($0)) } ?? 10
    let width = windows[.notebook].map { Int(getmaxx($0)) } ?? 80
    return (width, height)
  }

  /// Scrolls the notebook by `pages` (a page is its height less two lines: one stays in view, one is the hint) or by `lines`
  /// (positive: towards older output).
  private func scrollNotebook(pages: Int?, lines: Int = 0) {
    if helpShown {
      scrollHelp(lines: lines)
      return
    }
    let (width, height) = notebookSize()
    let count = pages.map { $0 * max(1, height - 2) } ?? lines
    notebook.scroll(by: count, width: width, height: height)
    dirty.insert(.notebook)
  }

  /// Scrolls the help by `pages` pages back (positive) or forward, or by `lines`.
  private func scrollHelp(pages: Int = 0, lines: Int = 0) {
    let (width, height) = notebookSize()
    let room = max(1, height - 1)
    let total = HelpPane.lineCount(helpLines, width: width)
    let moved = helpScroll - pages * max(1, room - 1) - lines
    helpScroll = max(0, min(moved, total - room))
    dirty.insert(.notebook)
  }

  /// Scrolls the picture pane by `pages` pages (positive: down).
  private func scrollVisual(pages: Int) {
    guard let window = windows[.visual] else { return }
    let room = max(1, Int(getmaxy(window)) - 1)
    let rows = VisualPane.content(
      mode: visualMode, picture: pictures[visualMode], training: training,
      width: Int(getmaxx(window)), height: room, depth: canvas?.depth ?? .none, charset: charset,
      chartStyle: options.chartStyle, pixels: panePixels
    ).count
    let moved = visualScroll + pages * max(1, room - 1)
    visualScroll = VisualPane.clampedScroll(moved, rows: rows, room: room)
    dirty.insert(.visual)
  }

  private func toggleVisual(_ mode: VisualMode) {
    if layout.visual != nil, visualMode == mode {
      showVisual = false
      visualDismissed = true
    } else {
      showVisual = true
      visualDismissed = false
      visualMode = mode
      visualScroll = 0
    }
    relayoutIfNeeded()
    dirty.insert(.visual)
  }
}
