/// What the full screen's picture pane follows while a training runs: the probe image's
/// feature maps (the default at every `train`) or the per-row statistics of the training's
/// own batches (`show stats` while training). Each update replaces the last.
public enum LiveTrainingPicture: String, Sendable, Hashable {
  case featureMaps
  case rowStatistics
}
