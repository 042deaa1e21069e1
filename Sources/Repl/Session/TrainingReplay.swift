import Core

/// What `save` needs to know whether replaying the session's `train` lines rebuilds the weights
/// the model holds: the state the trainings started from and how each ended.
///
/// The lines replay exactly only when the first training started from the weights a fresh
/// script draws (seed, then the layers), every training ran to its end without a `set` steering
/// it, and nothing the script writes (model, seed, threads, data) changed since. Otherwise
/// `save` writes the weights beside the script instead of `train` lines that would lie.
///
/// Weights no training (or file) touched need neither: a model whose trained layers are all
/// gone (`reset`, `preset`, replaced rows) is an untrained model again.
struct TrainingReplay {
  /// ``Core/Sequential/changeCount`` when the trainings began (any edit since changes it).
  var modelChange: Int
  var seed: UInt64
  var threads: Int
  var dataCommand: String?
  /// The weights before the first training were those a replay of the script draws.
  var startedFromFreshDraw: Bool
  /// Every training so far finished all its epochs, unsteered.
  var everyTrainingFinished = true
  /// A training started whose ending has not been looked at yet.
  var awaitingResult = false
  /// The layers trained (or loaded from a file), held weakly: gone once the model drops them.
  var trainedLayers: [WeakLayer] = []

  /// Whether `model` still holds a layer that was trained or loaded.
  func holdsTrainedLayers(in model: Sequential) -> Bool {
    let current = Set(model.layers.map { ObjectIdentifier($0) })
    return trainedLayers.contains { $0.layer.map { current.contains(ObjectIdentifier($0)) } ?? false }
  }

  /// Adds `model`'s layers to ``trainedLayers``.
  mutating func noteTrained(_ model: Sequential) {
    trainedLayers.removeAll { $0.layer == nil }
    let known = Set(trainedLayers.compactMap { $0.layer.map { ObjectIdentifier($0) } })
    for layer in model.layers where !known.contains(ObjectIdentifier(layer)) {
      trainedLayers.append(WeakLayer(layer: layer))
    }
  }

  /// Whether `session`'s script, seed, threads and data are still those the trainings ran on.
  func stillDescribes(_ session: Session) -> Bool {
    modelChange == session.model.changeCount && seed == session.seed
      && threads == session.threads && dataCommand == session.dataCommand
  }
}

/// A layer held without keeping it (or its weights) alive.
struct WeakLayer {
  weak var layer: (any Layer)?
}
