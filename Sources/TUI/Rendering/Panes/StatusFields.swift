/// The owner's part of the status line, already formatted (e.g. `mnist 24,000`,
/// `104,202 params`, `training 1/3`); empty fields are left out.
public struct StatusFields: Sendable, Equatable {
  public var dataset: String
  public var model: String
  public var training: String
  public var message: String

  public init(dataset: String = "", model: String = "", training: String = "", message: String = "") {
    self.dataset = dataset
    self.model = model
    self.training = training
    self.message = message
  }
}
