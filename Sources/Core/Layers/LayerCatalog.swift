/// One example of every kind of layer (``LayerSpec/Kind``), each on an input it fits: the list
/// the tests iterate (shapes and counts, gradients, parsing, `explain`, export), so a new layer
/// is tested everywhere once its kind has examples (``LayerSpec/Kind/examples``), which the
/// compiler asks for.
public enum LayerCatalog {
  /// A layer on `input`, after the rows `before` (a `maxunpool` needs its maxpool).
  public struct Example: Sendable, CustomStringConvertible {
    public let spec: LayerSpec
    public let before: [LayerSpec]
    public let input: Shape

    public init(_ spec: LayerSpec, after before: [LayerSpec] = [], on input: Shape) {
      self.spec = spec
      self.before = before
      self.input = input
    }

    /// Every row, the example last.
    public var stack: [LayerSpec] { before + [spec] }

    /// The session script that builds it: `input 7x6x3`, the rows before, the example.
    public var script: [String] { ["input \(input)"] + stack.map(\.description) }

    public var description: String { "\(spec) on \(input)" }
  }

  /// Every example of every kind, in ``LayerSpec/Kind`` order.
  public static let all: [Example] = LayerSpec.Kind.allCases.flatMap(\.examples)
}
