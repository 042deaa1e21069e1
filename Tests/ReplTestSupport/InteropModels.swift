import Core
import Foundation
import Repl

/// The models the interop tests export: every preset, two that between them hold every
/// layer type with odd sizes, uneven `same` padding, dilation, overlapping and padded pools,
/// a maxunpool back to an odd size and batchnorm on images and on vectors, and two graphs
/// (``unet`` and ``branchTail``) that stress the wiring.
package enum InteropModels {
  /// `(name, session script)`.
  package static let all: [(name: String, script: String)] =
    Preset.all.map { ($0.name, "preset \($0.name)") } + catalog + [unet, branchTail] + [
      (
        "every-layer",
        """
        input 14x14x3
        conv 8 3 stride=2 pad=same leaky_relu 0.1
        batchnorm
        dwconv 3 mult=2 pad=same lecun_tanh
        sepconv 8 3 stride=2 pad=same relu
        deconv 6 3 stride=2 pad=1 tanh
        conv 6 3 pad=1 dilation=2
        maxpool 2
        sigmoid
        maxunpool 7
        upsample 2
        avgpool 3 stride=2 pad=1
        conv 4 1 bias=no
        softmax
        lecun_tanh
        flatten
        dense 16 relu
        dropout 0.3
        batchnorm
        leaky_relu
        dense 5 softmax
        """
      ),
      (
        "gap-head",
        """
        input 9x9x2
        conv 6 3 pad=same sigmoid
        maxpool 3 stride=2 pad=1
        relu
        tanh
        dwconv 2 stride=2 pad=same
        gap
        batchnorm
        dense 4 lecun_tanh
        """
      ),
    ]

  /// A U-Net-like encoder–decoder in miniature (Ronneberger, Fischer & Brox 2015).
  ///
  /// Two conv + maxpool stages down (12 → 3), back up by a transposed conv and an upsample,
  /// each joined by `concat` with the encoder row of the same size (rows 4 and 2, each read by
  /// two rows), then a `from=0` branch on the input concatenated with the decoder and the input
  /// itself (row 0 read by three rows: 1, 12 and 13). Channels per row:
  /// 8 8 8 16 16 16 16 32 8 8 16 4 22 2; the output has the input's shape (loss=mse).
  package static let unet: (name: String, script: String) = (
    "unet-mini",
    """
    input 12x12x2
    conv 8 3 pad=same relu
    batchnorm
    maxpool 2
    conv 16 3 pad=same relu
    maxpool 2
    conv 16 3 pad=same relu
    deconv 16 2 stride=2 relu
    concat 4
    conv 8 3 pad=same relu
    upsample 2
    concat 2
    conv 4 1 relu from=0
    concat 11 0
    conv 2 3 pad=same sigmoid
    """
  )

  /// A graph whose last rows are a branch and a merge of three rows.
  ///
  /// A maxpool read by two branches (rows 3 and 4, `from=2`) whose sum is unpooled with the
  /// pool's indices, a `concat` with the first conv and batchnorm on the 12 channels, then
  /// three paths to the output (row 9, a 1x1 conv on the input at row 10 and a transposed conv
  /// from the middle at row 11, `from=4`) summed by `add 9 10`.
  package static let branchTail: (name: String, script: String) = (
    "branch-tail",
    """
    input 10x10x3
    conv 6 3 pad=same relu
    maxpool 2
    conv 6 3 pad=same tanh
    conv 6 1 sigmoid from=2
    add 3
    maxunpool 2
    concat 1
    batchnorm
    conv 3 3 pad=same
    conv 3 1 relu from=0
    deconv 3 2 stride=2 from=4
    add 9 10
    """
  )

  /// Every ``LayerCatalog`` example as a model of its own: a new kind of layer is exported and
  /// checked against onnxruntime (and PyTorch) without being listed here.
  package static let catalog: [(name: String, script: String)] = LayerCatalog.all.enumerated().map {
    ("catalog-\($0.offset)-\($0.element.spec.command)", $0.element.script.joined(separator: "\n"))
  }

  /// A session with `script` run and every parameter made non-trivial: biases and batchnorm
  /// shifts in ±0.2, batchnorm scales in [0.5, 1.5], running means in ±0.3 and running
  /// variances in [0.5, 2] (fresh layers have zeros and ones there, which hide mistakes).
  package static func session(_ script: String, seed: UInt64 = 7) -> Session {
    let session = Session(options: SessionOptions(mode: .batch), presenter: RecordingPresenter())
    for line in script.split(separator: "\n") { session.execute(String(line)) }
    var random = SeededRandom(seed: seed)
    for parameter in session.model.parameters {
      let name = parameter.name
      if name.hasSuffix("running_var") || (name == "weight" && parameter.dimensions.count == 1) {
        let low: Float = name.hasSuffix("running_var") ? 0.5 : 0.5
        let high: Float = name.hasSuffix("running_var") ? 2 : 1.5
        parameter.value = parameter.value.map { _ in random.uniform(low, high) }
      } else if name.hasSuffix("running_mean") {
        parameter.value = parameter.value.map { _ in random.uniform(-0.3, 0.3) }
      } else if name.hasSuffix("bias") {
        parameter.value = parameter.value.map { _ in random.uniform(-0.2, 0.2) }
      }
    }
    return session
  }

  /// `batch` inputs in [0, 1] for `model` and its inference output.
  package static func run(_ model: Sequential, batch: Int = 3, seed: UInt64 = 11) -> (
    input: Tensor, output: Tensor
  ) {
    let shape = model.inputShape ?? Shape(height: 1, width: 1, channels: 1)
    var random = SeededRandom(seed: seed)
    let input = Tensor(
      batch: batch, shape: shape,
      storage: (0..<(batch * shape.count)).map { _ in random.uniform(0, 1) })
    return (input, model.forward(input, context: ComputeContext(mode: .inference)))
  }

  /// `[N, C, H, W]`, or `[N, F]` for a flat shape.
  package static func dims(batch: Int, _ shape: Shape) -> [Int] {
    shape.isFlat ? [batch, shape.channels] : [batch, shape.channels, shape.height, shape.width]
  }

  /// Little-endian float32 bytes.
  package static func bytes(_ values: [Float]) -> Data {
    values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
  }
}
