/// An error a student reads: what is wrong, and what to do about it, each in the student's
/// terms (`the model has no layers` / `build one first …`).
///
/// Core and Datasets errors that reach a person conform, so the REPL builds its refusal from
/// the two parts (`error: train: PROBLEM; HINT`) instead of splitting a sentence. The
/// `description` is the one-line form, `problem; hint`.
public protocol StudentFacingError: Error, CustomStringConvertible {
  /// What is wrong, with the numbers involved.
  var problem: String { get }
  /// What to do next: a command to type, a value to pick.
  var hint: String { get }
}

extension StudentFacingError {
  public var description: String { "\(problem); \(hint)" }
}
