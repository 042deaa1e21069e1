/// The time and FLOPs of one unit of a profiled training — a row, or a fused group of rows run
/// as one call — or of every unit of one kind together (``TrainingProfile/kinds``).
public struct ProfiledUnit: Hashable, Sendable {
  /// The members' kinds joined by `+` (`conv+relu+maxpool`, `dense+softmax`, `dropout`).
  public var name: String
  /// The summary rows (1-based) the unit covers; for a kind, those of all its units.
  public var rows: [Int]
  /// Nominal forward FLOPs for one image, `2 · MACs` summed over ``rows`` (the summary's MACs).
  public var forwardFLOPsPerImage: Int
  public var forward: PassTiming
  public var backward: PassTiming

  public init(
    name: String, rows: [Int], forwardFLOPsPerImage: Int, forward: PassTiming,
    backward: PassTiming
  ) {
    self.name = name
    self.rows = rows
    self.forwardFLOPsPerImage = forwardFLOPsPerImage
    self.forward = forward
    self.backward = backward
  }

  /// Forward plus backward seconds.
  public var seconds: Double { forward.seconds + backward.seconds }

  /// Both units as one kind: their rows in order, their FLOPs and time summed.
  public func merged(with other: ProfiledUnit) -> ProfiledUnit {
    ProfiledUnit(
      name: name, rows: (rows + other.rows).sorted(),
      forwardFLOPsPerImage: forwardFLOPsPerImage + other.forwardFLOPsPerImage,
      forward: forward + other.forward, backward: backward + other.backward)
  }
}
