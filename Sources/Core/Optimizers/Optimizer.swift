/// Updates parameters from their gradients, one mini-batch at a time.
///
/// Weight decay `wd` is coupled L2, as PyTorch's `weight_decay`: the gradient used is
/// `g + wd·w`. Only trainable parameters move (batchnorm's running statistics do not).
/// Per-parameter state (velocities, moments) is keyed by the parameter object's identity, so
/// one optimizer serves one model for one training; the learning rate may change between steps
/// (`set lr=`).
public protocol Optimizer: AnyObject {
  /// Step size; changeable between steps.
  var learningRate: Float { get set }
  /// Coupled L2 coefficient added to every gradient (`wd=`).
  var weightDecay: Float { get set }
  /// Applies one update to every trainable parameter from its current `gradient`.
  func step(parameters: [Parameter])
}
