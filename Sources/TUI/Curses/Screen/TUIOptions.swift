import Rendering

/// How the full-screen UI looks and ticks. Defaults suit an 80x24 SSH session.
public struct TUIOptions: Sendable {
  /// Redraw cap: the UI thread waits at most `1000/fps` ms for a key, then drains pushed updates.
  public var fps: Int
  public var color: ColorChoice
  public var charset: Charset
  /// The training charts' style (nil: braille for Unicode; ASCII always draws `*`).
  public var chartStyle: ChartStyle?
  public var prompt: String
  /// Extra lines for the F1 help, after the key list (e.g. the command table's one-liners).
  public var helpLines: [StyledLine]
  /// The environment used for colour detection.
  public var environment: [String: String]
  /// Mouse reporting for the wheel (scrolls the notebook); the terminal's own selection then
  /// needs Shift held. false leaves the mouse to the terminal (`--no-mouse`).
  public var mouse: Bool
  /// How pictures are drawn: `.kitty` puts real pixels in the picture pane (kitty placeholders,
  /// which need 256 colours); sixel and iTerm2 images cannot live under ncurses, so they and
  /// text draw the pane's pictures as text.
  public var graphics: GraphicsProtocol
  /// Image escapes go wrapped for tmux's passthrough.
  public var graphicsThroughTmux: Bool
  /// Encodes 8-bit RGB samples (`width`, `height`) as PNG for the kitty upload; nil sends
  /// the raw pixels (`f=24`).
  public var pngEncoder: (@Sendable (_ samples: [UInt8], _ width: Int, _ height: Int) -> [UInt8]?)?

  public init(
    fps: Int = 15, color: ColorChoice = .auto, charset: Charset = .unicode,
    chartStyle: ChartStyle? = nil, prompt: String = "> ", helpLines: [StyledLine] = [],
    environment: [String: String] = [:], mouse: Bool = true, graphics: GraphicsProtocol = .text,
    graphicsThroughTmux: Bool = false,
    pngEncoder: (@Sendable (_ samples: [UInt8], _ width: Int, _ height: Int) -> [UInt8]?)? = nil
  ) {
    self.graphics = graphics
    self.graphicsThroughTmux = graphicsThroughTmux
    self.pngEncoder = pngEncoder
    self.fps = fps
    self.color = color
    self.charset = charset
    self.chartStyle = chartStyle
    self.prompt = prompt
    self.helpLines = helpLines
    self.environment = environment
    self.mouse = mouse
  }

  /// Milliseconds `wgetch` waits per tick: `1000/fps`, with fps clamped to 1...120.
  public var tickMilliseconds: Int32 { Int32(1000 / min(120, max(1, fps))) }
}
