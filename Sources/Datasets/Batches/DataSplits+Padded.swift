import Core

extension DataSplits {
  /// Both splits framed by `p` more zero pixels per side (``ImageSet/padded(by:)``); ``padding``
  /// adds up, so padding twice by 1 is padding once by 2. The normalisation is kept: the frame is
  /// black in pixel space, `(0/255 − mean)/std` once batches are gathered.
  public func padded(by p: Int) -> DataSplits {
    guard p > 0 else { return self }
    return DataSplits(
      name: name, train: train.padded(by: p), test: test.padded(by: p),
      normalization: normalization, padding: padding + p)
  }

  /// Bytes the padded pixels take, `count · (H + 2p)·(W + 2p)·C` over both splits: checked
  /// before padding, so a huge `pad=` is refused instead of filling the memory.
  public func paddedBytes(by p: Int) -> Int {
    let s = train.shape
    let side = (s.height + 2 * p) * (s.width + 2 * p) * s.channels
    return (train.count + test.count) * side
  }
}
