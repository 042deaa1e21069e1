/// Why a training (or an evaluation) cannot start, in one line a student can act on.
///
/// A ``StudentFacingError``: `description` reads `what is wrong; what to do`; the REPL puts
/// `error: train: ` in front.
public enum TrainingError: StudentFacingError, Hashable, Sendable {
  /// The model has no `input` or no layers.
  case emptyModel
  /// The data set has no images in the split that is needed.
  case emptyData(split: String)
  /// The model's input shape is not the data's image shape.
  case inputMismatch(model: Shape, data: Shape)
  /// The model's output cannot be compared with what the loss needs.
  case outputMismatch(output: Shape, loss: LossKind, classes: Int, input: Shape)
  /// An option out of range.
  case invalidOption(name: String, value: String, hint: String)
  /// `train` while a training is still running.
  case alreadyRunning

  public var problem: String { parts.problem }
  public var hint: String { parts.hint }

  private var parts: (problem: String, hint: String) {
    switch self {
    case .emptyModel:
      return (
        "the model has no layers",
        "build one (`input data`, `conv 32 3 relu`, …) or use `preset keras-mnist`"
      )
    case .emptyData(let split):
      return ("the \(split) split has no images", "load a data set with `data mnist`")
    case let .inputMismatch(model, data):
      return ("the model takes \(model) images but the data has \(data)", "start the model with `input data`")
    case let .outputMismatch(output, loss, classes, input):
      switch loss {
      case .crossEntropy:
        return (
          "loss=ce needs \(classes) outputs (one per class) but the model gives \(output)",
          "end the model with `dense \(classes) softmax`"
        )
      case .meanSquaredError:
        return (
          "loss=mse needs \(classes) outputs (one per class) or the input shape \(input) "
            + "(autoencoder), but the model gives \(output)",
          "end the model with `dense \(classes)` or a layer that gives \(input)"
        )
      }
    case let .invalidOption(name, value, hint):
      return ("\(name)=\(value) is not allowed", hint)
    case .alreadyRunning:
      return ("a training is already running", "`wait` for it or `stop` it first")
    }
  }
}
