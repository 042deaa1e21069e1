import Core

/// The padding a window layer (conv, pool) applies on each side for one input size, as the
/// exports write it: `same` resolves to Keras' split (the odd pixel bottom/right), so with a
/// stride it may be asymmetric, which ONNX pads express directly and PyTorch needs `F.pad` for.
struct WindowPads: Hashable {
  var top: Int
  var left: Int
  var bottom: Int
  var right: Int

  /// For `padding` on `input` with a (dilated) `kernel` and `stride`.
  init(_ padding: Padding, input: Shape, kernel: Int, stride: Int) {
    let y = padding.resolve(input: input.height, kernel: kernel, stride: stride)
    let x = padding.resolve(input: input.width, kernel: kernel, stride: stride)
    (top, bottom, left, right) = (y.before, y.after, x.before, x.after)
  }

  /// The same `p` on every side.
  init(all p: Int) { (top, left, bottom, right) = (p, p, p, p) }

  /// ONNX's order: begins of (H, W), then ends.
  var onnx: [Int] { [top, left, bottom, right] }

  /// The one value on every side, when there is one.
  var symmetric: Int? { top == left && left == bottom && bottom == right ? top : nil }

  /// `F.pad`'s order: last axis first, (left, right, top, bottom).
  var torchPad: [Int] { [left, right, top, bottom] }
}
