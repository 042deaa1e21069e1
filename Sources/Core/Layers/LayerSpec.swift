/// A layer as a value: what one model-building command says, before any weights exist.
///
/// The REPL parses commands into specs, presets are lists of specs, saved sessions and
/// checkpoints store them, and ``makeLayer()`` turns one into a ``Layer``. `description` is
/// the normalised command (`conv 32 3 pad=same relu`): options appear only when they differ
/// from their defaults, in a fixed order, with the activation last. Layers with a kernel carry
/// its ``Initializer`` (`init=he`; Glorot, Keras' default, is not written).
public enum LayerSpec: Hashable, Sendable, CustomStringConvertible {
  /// `conv F K [stride=S] [pad=valid|same|P] [dilation=D] [bias=no] [init=I] [ACT]`
  case conv(
    filters: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1,
    bias: Bool = true, activation: Activation? = nil, initializer: Initializer = .glorot)
  /// `dwconv K [mult=M] [stride=S] [pad=..] [init=I] [ACT]`
  case depthwiseConv(
    kernel: Int, multiplier: Int = 1, stride: Int = 1, padding: Padding = .valid,
    activation: Activation? = nil, initializer: Initializer = .glorot)
  /// `sepconv F K [stride=S] [pad=..] [init=I] [ACT]`
  case separableConv(
    filters: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid,
    activation: Activation? = nil, initializer: Initializer = .glorot)
  /// `deconv F K [stride=S] [pad=P] [init=I] [ACT]` (PyTorch's ConvTranspose2d formula)
  case transposedConv(
    filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0, activation: Activation? = nil,
    initializer: Initializer = .glorot)
  /// `maxpool K [stride=S] [pad=P]`; stride defaults to K.
  case maxPool(kernel: Int, stride: Int? = nil, padding: Int = 0)
  /// `avgpool K [stride=S] [pad=P]`; stride defaults to K.
  case avgPool(kernel: Int, stride: Int? = nil, padding: Int = 0)
  /// `gap`
  case globalAvgPool
  /// `gmp`
  case globalMaxPool
  /// `upsample K` (nearest neighbour)
  case upsample(factor: Int)
  /// `maxunpool N`: undoes the maxpool at summary row N with the indices it kept.
  case maxUnpool(poolRow: Int)
  /// `flatten`
  case flatten
  /// `dense N [bias=no] [init=I] [ACT]`
  case dense(
    units: Int, bias: Bool = true, activation: Activation? = nil,
    initializer: Initializer = .glorot)
  /// `dropout P`
  case dropout(rate: Float)
  /// `batchnorm [momentum=M]`: M is how much of the running mean and variance each training
  /// step keeps (Keras' 0.99 unless given).
  case batchNorm(momentum: Float = BatchNorm.standardMomentum)
  /// `relu`, `leaky_relu [A]`, `tanh`, `lecun_tanh`, `sigmoid`, `softmax` as layers of their own.
  case activation(Activation)
  /// `add N [M …]`: the row above (or `from=`) plus rows N, M, … (equal shapes).
  case add(rows: [Int])
  /// `concat N [M …]`: the row above (or `from=`) then rows N, M, … stacked along channels.
  case concat(rows: [Int])

  /// The command word that starts this layer's command.
  public var command: String {
    switch self {
    case .conv: "conv"
    case .depthwiseConv: "dwconv"
    case .separableConv: "sepconv"
    case .transposedConv: "deconv"
    case .maxPool: "maxpool"
    case .avgPool: "avgpool"
    case .globalAvgPool: "gap"
    case .globalMaxPool: "gmp"
    case .upsample: "upsample"
    case .maxUnpool: "maxunpool"
    case .flatten: "flatten"
    case .dense: "dense"
    case .dropout: "dropout"
    case .batchNorm: "batchnorm"
    case .activation(let a): a.name
    case .add: "add"
    case .concat: "concat"
    }
  }

  public var description: String {
    var words: [String] = []
    func option(_ key: String, _ value: String) { words.append("\(key)=\(value)") }
    func activation(_ a: Activation?) { if let a { words.append(a.description) } }
    func initializer(_ i: Initializer) { if i != .glorot { option("init", i.rawValue) } }
    switch self {
    case let .conv(filters, kernel, stride, padding, dilation, bias, act, initial):
      words = ["conv", "\(filters)", "\(kernel)"]
      if stride != 1 { option("stride", "\(stride)") }
      if padding != .valid { option("pad", padding.description) }
      if dilation != 1 { option("dilation", "\(dilation)") }
      if !bias { option("bias", "no") }
      initializer(initial)
      activation(act)
    case let .depthwiseConv(kernel, multiplier, stride, padding, act, initial):
      words = ["dwconv", "\(kernel)"]
      if multiplier != 1 { option("mult", "\(multiplier)") }
      if stride != 1 { option("stride", "\(stride)") }
      if padding != .valid { option("pad", padding.description) }
      initializer(initial)
      activation(act)
    case let .separableConv(filters, kernel, stride, padding, act, initial):
      words = ["sepconv", "\(filters)", "\(kernel)"]
      if stride != 1 { option("stride", "\(stride)") }
      if padding != .valid { option("pad", padding.description) }
      initializer(initial)
      activation(act)
    case let .transposedConv(filters, kernel, stride, padding, act, initial):
      words = ["deconv", "\(filters)", "\(kernel)"]
      if stride != 1 { option("stride", "\(stride)") }
      if padding != 0 { option("pad", "\(padding)") }
      initializer(initial)
      activation(act)
    case let .maxPool(kernel, stride, padding), let .avgPool(kernel, stride, padding):
      words = [command, "\(kernel)"]
      if let stride, stride != kernel { option("stride", "\(stride)") }
      if padding != 0 { option("pad", "\(padding)") }
    case .globalAvgPool, .globalMaxPool, .flatten:
      words = [command]
    case .batchNorm(let momentum):
      words = [command]
      if momentum != BatchNorm.standardMomentum { option("momentum", formatNumber(momentum)) }
    case .upsample(let factor):
      words = ["upsample", "\(factor)"]
    case .maxUnpool(let row):
      words = ["maxunpool", "\(row)"]
    case let .dense(units, bias, act, initial):
      words = ["dense", "\(units)"]
      if !bias { option("bias", "no") }
      initializer(initial)
      activation(act)
    case .dropout(let rate):
      words = ["dropout", formatNumber(rate)]
    case .activation(let a):
      words = [a.description]
    case .add(let rows), .concat(let rows):
      words = [command] + rows.map(String.init)
    }
    return words.joined(separator: " ")
  }

  /// The activation applied inside the layer, if any (the fused softmax that cross-entropy
  /// skips is found this way).
  public var fusedActivation: Activation? {
    switch self {
    case let .conv(_, _, _, _, _, _, a, _), let .depthwiseConv(_, _, _, _, a, _),
      let .separableConv(_, _, _, _, a, _), let .transposedConv(_, _, _, _, a, _),
      let .dense(_, _, a, _):
      return a
    case .activation(let a):
      return a
    default:
      return nil
    }
  }

  /// How the layer's kernel starts, or nil for layers without one.
  public var initializer: Initializer? {
    switch self {
    case let .conv(_, _, _, _, _, _, _, i), let .depthwiseConv(_, _, _, _, _, i),
      let .separableConv(_, _, _, _, _, i), let .transposedConv(_, _, _, _, _, i),
      let .dense(_, _, _, i):
      return i
    default:
      return nil
    }
  }
}

extension LayerSpec {
  /// A new, unbuilt layer for this spec. `maxunpool` layers are connected to their maxpool by
  /// ``Sequential``, which knows the rows.
  public func makeLayer() -> any Layer {
    switch self {
    case let .conv(filters, kernel, stride, padding, dilation, bias, activation, initializer):
      Conv2D(
        filters: filters, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
        useBias: bias, activation: activation, initializer: initializer)
    case let .depthwiseConv(kernel, multiplier, stride, padding, activation, initializer):
      DepthwiseConv2D(
        kernel: kernel, multiplier: multiplier, stride: stride, padding: padding,
        activation: activation, initializer: initializer)
    case let .separableConv(filters, kernel, stride, padding, activation, initializer):
      SeparableConv2D(
        filters: filters, kernel: kernel, stride: stride, padding: padding,
        activation: activation, initializer: initializer)
    case let .transposedConv(filters, kernel, stride, padding, activation, initializer):
      TransposedConv2D(
        filters: filters, kernel: kernel, stride: stride, padding: padding,
        activation: activation, initializer: initializer)
    case let .maxPool(kernel, stride, padding):
      MaxPool2D(kernel: kernel, stride: stride ?? kernel, padding: padding)
    case let .avgPool(kernel, stride, padding):
      AvgPool2D(kernel: kernel, stride: stride ?? kernel, padding: padding)
    case .globalAvgPool:
      GlobalAvgPool2D()
    case .globalMaxPool:
      GlobalMaxPool2D()
    case .upsample(let factor):
      Upsample2D(factor: factor)
    case .maxUnpool(let row):
      MaxUnpool2D(poolRow: row)
    case .flatten:
      Flatten()
    case let .dense(units, bias, activation, initializer):
      Dense(units: units, useBias: bias, activation: activation, initializer: initializer)
    case .dropout(let rate):
      Dropout(rate: rate)
    case .batchNorm(let momentum):
      BatchNorm(momentum: momentum)
    case .activation(let activation):
      ActivationLayer(activation)
    case .add(let rows):
      Add(rows: rows)
    case .concat(let rows):
      Concatenate(rows: rows)
    }
  }
}

extension LayerSpec {
  /// Which case a spec is, without its settings: one per command word family, so the catalog
  /// (``LayerCatalog``) can hold an example of each and a test can ask for every one.
  public enum Kind: String, CaseIterable, Sendable {
    case conv, depthwiseConv, separableConv, transposedConv, maxPool, avgPool, globalAvgPool
    case globalMaxPool
    case upsample, maxUnpool, flatten, dense, dropout, batchNorm, activation
    case add, concat
  }

  public var kind: Kind {
    switch self {
    case .conv: .conv
    case .depthwiseConv: .depthwiseConv
    case .separableConv: .separableConv
    case .transposedConv: .transposedConv
    case .maxPool: .maxPool
    case .avgPool: .avgPool
    case .globalAvgPool: .globalAvgPool
    case .globalMaxPool: .globalMaxPool
    case .upsample: .upsample
    case .maxUnpool: .maxUnpool
    case .flatten: .flatten
    case .dense: .dense
    case .dropout: .dropout
    case .batchNorm: .batchNorm
    case .activation: .activation
    case .add: .add
    case .concat: .concat
    }
  }
}

extension LayerSpec.Kind {
  /// Representative layers of this kind, each on an input it fits (see ``LayerCatalog``):
  /// odd sizes, non-default options, uneven padding, every activation somewhere.
  public var examples: [LayerCatalog.Example] {
    typealias Example = LayerCatalog.Example
    let image = Shape(height: 7, width: 6, channels: 3)
    switch self {
    case .conv:
      return [
        Example(.conv(filters: 4, kernel: 3, activation: .relu), on: image),
        Example(
          .conv(
            filters: 3, kernel: 3, stride: 2, padding: .same, dilation: 2, bias: false,
            activation: .leakyRelu(alpha: 0.2), initializer: .he), on: image),
      ]
    case .depthwiseConv:
      return [
        Example(
          .depthwiseConv(
            kernel: 3, multiplier: 2, stride: 2, padding: .same, activation: .lecunTanh), on: image)
      ]
    case .separableConv:
      return [
        Example(.separableConv(filters: 5, kernel: 3, padding: .explicit(1), activation: .sigmoid), on: image)
      ]
    case .transposedConv:
      return [
        Example(.transposedConv(filters: 2, kernel: 3, stride: 2, padding: 1, activation: .tanh), on: image)
      ]
    case .maxPool:
      return [
        Example(.maxPool(kernel: 2), on: image),
        Example(.maxPool(kernel: 3, stride: 2, padding: 1), on: image),
      ]
    case .avgPool:
      return [Example(.avgPool(kernel: 3, stride: 2, padding: 1), on: image)]
    case .globalAvgPool:
      return [Example(.globalAvgPool, on: image)]
    case .globalMaxPool:
      return [Example(.globalMaxPool, on: image)]
    case .upsample:
      return [Example(.upsample(factor: 2), on: image)]
    case .maxUnpool:
      return [Example(.maxUnpool(poolRow: 1), after: [.maxPool(kernel: 2)], on: image)]
    case .flatten:
      return [Example(.flatten, on: image)]
    case .dense:
      return [
        Example(.dense(units: 4, activation: .softmax), after: [.flatten], on: Shape(height: 3, width: 3, channels: 1)),
        Example(.dense(units: 3, initializer: .lecun), after: [.flatten], on: image),
        Example(.dense(units: 5, bias: false, activation: .tanh), after: [.flatten], on: image),
      ]
    case .dropout:
      return [Example(.dropout(rate: 0.25), on: image)]
    case .batchNorm:
      return [
        Example(.batchNorm(), on: image), Example(.batchNorm(), after: [.flatten], on: image),
        Example(.batchNorm(momentum: 0.9), on: image),
      ]
    case .activation:
      let every: [Activation] = [
        .relu, .leakyRelu(alpha: 0.1), .tanh, .lecunTanh, .sigmoid, .softmax,
      ]
      return every.map { Example(.activation($0), on: image) }
    case .add:
      let sameShape = LayerSpec.conv(filters: 3, kernel: 3, padding: .same, activation: .tanh)
      return [
        Example(.add(rows: [0]), after: [sameShape], on: image),
        Example(.add(rows: [0, 1]), after: [.activation(.sigmoid)], on: image),
      ]
    case .concat:
      let twoChannels = LayerSpec.conv(filters: 2, kernel: 3, padding: .same, activation: .tanh)
      return [
        Example(.concat(rows: [0]), after: [twoChannels], on: image),
        Example(.concat(rows: [1, 0]), after: [.activation(.tanh)], on: image),
      ]
    }
  }
}
