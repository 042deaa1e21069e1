/// A named, ready-made network: `preset NAME` replaces the model with these rows.
///
/// Each preset names the paper or example it follows and how it deviates. Parameter counts
/// (Keras conventions) are checked in the tests.
public struct Preset: Hashable, Sendable {
  public var name: String
  public var input: Shape
  public var layers: [RowSpec]
  /// One line: the source and the deviations.
  public var summary: String

  public init(name: String, input: Shape, layers: [RowSpec], summary: String) {
    self.name = name
    self.input = input
    self.layers = layers
    self.summary = summary
  }

  /// A stack: each layer reads the row above.
  public init(name: String, input: Shape, layers: [LayerSpec], summary: String) {
    self.init(name: name, input: input, layers: layers.map { RowSpec($0) }, summary: summary)
  }

  /// The preset's session commands (`input 28x28x1`, then one line per layer).
  public var commands: [String] { ["input \(input)"] + layers.map(\.description) }

  /// Replaces `model`'s stack with this preset (weights drawn afresh from the model's seed).
  public func apply(to model: Sequential) throws(ShapeError) {
    try model.setStack(input: input, specs: layers)
  }

  /// The preset called `name` (case-insensitive), if any.
  public static func named(_ name: String) -> Preset? {
    all.first { $0.name == name.lowercased() }
  }

  /// Names in the order `help preset` lists them.
  public static var names: [String] { all.map(\.name) }

  public static let all: [Preset] = [
    lenet5, kerasMNIST, separableMNIST, autoencoder, resnetMini, inceptionMini,
  ]

  private static let mnist = Shape(height: 28, width: 28, channels: 1)

  /// LeNet-5, 61,706 parameters.
  public static let lenet5 = Preset(
    name: "lenet5", input: mnist,
    layers: [
      .conv(filters: 6, kernel: 5, padding: .same, activation: .tanh),
      .avgPool(kernel: 2),
      .conv(filters: 16, kernel: 5, activation: .tanh),
      .avgPool(kernel: 2),
      .flatten,
      .dense(units: 120, activation: .tanh),
      .dense(units: 84, activation: .tanh),
      .dense(units: 10, activation: .softmax),
    ],
    summary: "LeNet-5 (LeCun, Bottou, Bengio & Haffner 1998) on 28x28 with pad=same in place of "
      + "the 32x32 input; deviations: C3 fully connected (not the sparse table), plain tanh "
      + "(not 1.7159·tanh(2x/3)), average pooling without trainable coefficients, a softmax "
      + "output instead of RBF units")

  /// The Keras MNIST convnet example, 104,202 parameters.
  public static let kerasMNIST = Preset(
    name: "keras-mnist", input: mnist,
    layers: [
      .conv(filters: 32, kernel: 3, activation: .relu),
      .maxPool(kernel: 2),
      .conv(filters: 64, kernel: 3, activation: .relu),
      .maxPool(kernel: 2),
      .conv(filters: 128, kernel: 3, activation: .relu),
      .flatten,
      .dense(units: 10, activation: .softmax),
    ],
    summary: "a small convnet in the style of the Keras MNIST example (\"Simple MNIST convnet\", "
      + "keras.io); deviations: a third conv layer (128 filters) and no dropout")

  /// keras-mnist with separable convolutions after the first layer, 23,146 parameters.
  public static let separableMNIST = Preset(
    name: "separable-mnist", input: mnist,
    layers: [
      .conv(filters: 32, kernel: 3, activation: .relu),
      .maxPool(kernel: 2),
      .separableConv(filters: 64, kernel: 3, activation: .relu),
      .maxPool(kernel: 2),
      .separableConv(filters: 128, kernel: 3, activation: .relu),
      .flatten,
      .dense(units: 10, activation: .softmax),
    ],
    summary: "keras-mnist with depthwise-separable convolutions (Chollet 2017, Xception; "
      + "Howard et al. 2017, MobileNets) for conv 2 and 3: 23,146 parameters instead of "
      + "104,202; the first conv stays a full conv, as in MobileNet, since a depthwise step "
      + "on one channel has almost nothing to separate")

  /// A convolutional autoencoder for 28x28x1, trained with mse against its input.
  public static let autoencoder = Preset(
    name: "autoencoder", input: mnist,
    layers: [
      .conv(filters: 16, kernel: 3, padding: .same, activation: .relu),
      .maxPool(kernel: 2),
      .conv(filters: 8, kernel: 3, padding: .same, activation: .relu),
      .maxPool(kernel: 2),
      .transposedConv(filters: 8, kernel: 2, stride: 2, activation: .relu),
      .upsample(factor: 2),
      .conv(filters: 1, kernel: 3, padding: .same, activation: .sigmoid),
    ],
    summary: "the convolutional autoencoder of \"Building Autoencoders in Keras\" (Chollet "
      + "2016), trained with loss=mse against the input; deviations: two pooling stages "
      + "(28 → 7) instead of three, and the decoder uses one transposed conv (stride 2) and "
      + "one nearest-neighbour upsample to show both")

  /// A small residual network for MNIST: a stride-2 conv stem, one identity residual block and
  /// two that halve the map with stride-2 convolutions instead of pooling (their shortcut a
  /// 1x1 stride-2 conv), conv → batchnorm → relu inside, and `gap` before the classifier. The
  /// strides let the last block see 47x47 pixels, the whole digit, before `gap` averages.
  public static let resnetMini: Preset = {
    /// `conv F 3 [stride=2] pad=same bias=no`, `batchnorm`, and `relu` unless `activated` is
    /// false (the last conv of a block is activated after the add).
    func convBN(_ filters: Int, stride: Int = 1, activated: Bool = true) -> [RowSpec] {
      [
        RowSpec(
          .conv(
            filters: filters, kernel: 3, stride: stride, padding: .same, bias: false,
            initializer: .he)),
        RowSpec(.batchNorm(momentum: 0.9)),
      ] + (activated ? [RowSpec(.activation(.relu))] : [])
    }
    /// A block whose input is row `input`: two convs, the shortcut (the input itself, or a
    /// 1x1 stride-2 conv and batchnorm when the block downsamples), the add and a relu.
    func block(_ filters: Int, input: Int, downsamples: Bool) -> [RowSpec] {
      var rows = convBN(filters, stride: downsamples ? 2 : 1) + convBN(filters, activated: false)
      let residual = input + rows.count
      if downsamples {
        rows += [
          RowSpec(
            .conv(filters: filters, kernel: 1, stride: 2, bias: false, initializer: .he),
            from: input),
          RowSpec(.batchNorm(momentum: 0.9)),
          RowSpec(.add(rows: [residual])),
        ]
      } else {
        rows.append(RowSpec(.add(rows: [input])))
      }
      return rows + [RowSpec(.activation(.relu))]
    }
    var rows = convBN(16, stride: 2)  // rows 1-3: 14x14x16
    rows += block(16, input: rows.count, downsamples: false)  // 4-10: 14x14x16
    rows += block(32, input: rows.count, downsamples: true)  // 11-19: 7x7x32
    rows += block(64, input: rows.count, downsamples: true)  // 20-28: 4x4x64
    rows += [RowSpec(.globalAvgPool), RowSpec(.dense(units: 10, activation: .softmax))]
    return Preset(
      name: "resnet-mini", input: mnist, layers: rows,
      summary: "a miniature ResNet (He, Zhang, Ren & Sun 2015) for 28x28: a stride-2 conv "
        + "stem, an identity residual block (16 filters) and two blocks (32, 64) that halve "
        + "the map with stride=2 convolutions instead of pooling, a 1x1 stride-2 conv and "
        + "batchnorm on their shortcut, conv → batchnorm → relu inside, He initialisation, "
        + "gap and one dense layer; deviations: one block per stage, no max-pooled stem, "
        + "batchnorm momentum 0.9")
  }()

  /// A small Inception network for MNIST: one Inception block (1x1, 3x3 and 5x5 branches
  /// with 1x1 reductions, and a pooling branch) joined by `concat`.
  public static let inceptionMini = Preset(
    name: "inception-mini", input: mnist,
    layers: [
      RowSpec(.conv(filters: 16, kernel: 3, padding: .same, activation: .relu)),
      RowSpec(.maxPool(kernel: 2)),
      RowSpec(.conv(filters: 8, kernel: 1, activation: .relu)),
      RowSpec(.conv(filters: 8, kernel: 1, activation: .relu), from: 2),
      RowSpec(.conv(filters: 16, kernel: 3, padding: .same, activation: .relu)),
      RowSpec(.conv(filters: 4, kernel: 1, activation: .relu), from: 2),
      RowSpec(.conv(filters: 8, kernel: 5, padding: .same, activation: .relu)),
      RowSpec(.maxPool(kernel: 3, stride: 1, padding: 1), from: 2),
      RowSpec(.conv(filters: 8, kernel: 1, activation: .relu)),
      RowSpec(.concat(rows: [5, 7, 9]), from: 3),
      RowSpec(.maxPool(kernel: 2)),
      RowSpec(.flatten),
      RowSpec(.dense(units: 10, activation: .softmax)),
    ],
    summary: "one Inception block (Szegedy et al. 2014, GoogLeNet) on a conv stem for 28x28: "
      + "1x1, 3x3 and 5x5 branches (the larger two after 1x1 reductions) and a 3x3 maxpool "
      + "branch with a 1x1 projection, concatenated to 40 channels; deviations: one block, "
      + "no auxiliary classifiers, flatten + dense instead of average pooling")
}
