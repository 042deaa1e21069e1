/// The parts of one training step that a ``LayerProfiler`` times, in the order they run.
///
/// Whatever a step does outside them (keeping a copy of the weights, the finite-weight check,
/// the accuracy count, progress events) is the step's remainder:
/// `remainder = step − (data + forward + loss + backward + optimizer)`.
public enum StepPhase: Int, CaseIterable, Sendable {
  /// Gathering the batch: copying and normalising its images and labels.
  case data
  /// The model's training forward pass (every row, fused groups included).
  case forward
  /// The loss value and its gradient with respect to the model's output.
  case loss
  /// The model's backward pass: every parameter gradient (no dLoss/dInput).
  case backward
  /// The optimizer's update of every parameter.
  case optimizer
}
