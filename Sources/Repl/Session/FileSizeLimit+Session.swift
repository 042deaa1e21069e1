import Core
import Datasets

/// The size limits of the files the session reads itself (see ``Datasets/FileSizeLimit``).
extension FileSizeLimit {
  /// A `.cnn` script (`run`, `cnnrepl FILE.cnn`): 4 MiB, some 200,000 lines; a script holds
  /// commands, not data.
  public static let script = FileSizeLimit(
    kind: "a script", maximumBytes: 4 << 20,
    advice: "a script holds commands, not data; check that this is the right file")

  /// A metrics file of `export training`'s train.py (`show curve FILE`): 64 MiB, some 500,000
  /// lines.
  public static let metrics = FileSizeLimit(
    kind: "a metrics file", maximumBytes: 64 << 20,
    advice: "train.py writes one line per logged step; check that this is the right file")

  /// A `.safetensors` file (`load model`, `import`): 512 MiB, the largest model's float32
  /// weights (``Core/Sequential/maxParameters``, 256 MiB) plus its header
  /// (``SafeTensorsHeader/maxHeaderBytes``), with room for tensors `import` skips. Within the
  /// limit the header is still checked against the model before the data is read.
  public static let weights = FileSizeLimit(
    kind: "a weights file", maximumBytes: 512 << 20,
    advice: "the largest model cnnrepl builds has \(grouped(Sequential.maxParameters)) parameters "
      + "(\(FileSizeLimit.describe(4 * Sequential.maxParameters))); check that this is the right file"
  )
}
