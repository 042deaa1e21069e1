import Core

/// Options several commands share, written once so their help and ranges agree.
extension OptionSpec {
  /// `from=N` on any layer command: the row whose output the layer reads.
  public static let readFrom = OptionSpec(
    "from", "N", .integer(0...Limits.row.upperBound), default: "the row above",
    help: "read row N instead of the row above (0 is the input): a branch")
  /// `stride=S` of window layers.
  public static let stride = OptionSpec(
    "stride", "S", .integer(Limits.stride), default: "1", help: "step between windows")
  /// `pad=valid|same|P` of convolutions.
  public static let convolutionPadding = OptionSpec(
    "pad", "P", .padding(maxPixels: Limits.paddingPixels), default: "valid",
    help: "valid (none), same (keep size at stride 1) or P pixels per side")
  /// `pad=P` of pooling layers (pixels only).
  public static let poolPadding = OptionSpec(
    "pad", "P", .integer(0...Limits.paddingPixels), default: "0", help: "pixels added on each side")
  /// `stride=S` of pooling layers (defaults to the window).
  public static let poolStride = OptionSpec(
    "stride", "S", .integer(Limits.stride), default: "K", help: "step between windows")
  /// `init=glorot|he|lecun` of layers with a kernel (Keras' `kernel_initializer`).
  public static let initializer = OptionSpec(
    "init", "I", .choice(Initializer.allCases.map(\.rawValue)), default: "glorot",
    help: "first kernel values: glorot (Keras' default), he (relu nets), lecun (tanh nets)")
  /// `force=yes` of commands that write files.
  public static let force = OptionSpec(
    "force", "yes", .choice(["yes", "no"]), default: "no",
    help: "overwrite a different existing file")
  /// `sample=N` of the tools that look at one test image.
  public static let testImage = OptionSpec(
    "sample", "N", .integer(Limits.sample), default: "0", help: "test image")
  /// `ch=A-B` of the tools that draw a row's channels a page at a time.
  public static let drawnChannels = OptionSpec(
    "ch", "A-B", .integerRange(0...4095), help: "channels to draw (default: as many as fit)")
}
