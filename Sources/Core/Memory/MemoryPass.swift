/// What a computation does with a model, for its memory estimate: a forward pass only, or a
/// forward and a backward pass (training, and tools that take gradients: saliency, Grad-CAM,
/// dreams, gradient checks).
public enum MemoryPass: Sendable, Hashable {
  case inference
  case training
}
