import ModelFiles

/// The warning a weights file with NaN or infinite values gets when it is loaded: such weights
/// load (the file is what it is) but every output and loss computed from them is NaN.
enum NonFiniteWeights {
  /// One line naming how many values are not finite and in which tensors; nil when all are.
  static func warning(for file: SafeTensors, path: String) -> String? {
    var total = 0
    var names: [String] = []
    for tensor in file.tensors {
      let count = tensor.values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
      if count > 0 {
        total += count
        names.append(tensor.name)
      }
    }
    guard total > 0 else { return nil }
    let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
    return "warning: \(path) holds \(total) NaN or infinite weight\(total == 1 ? "" : "s") "
      + "(in \(shown)); every output computed from them is NaN: train from fresh weights or "
      + "load another file"
  }
}
