import Core

/// Splits labelled images into training and test sets, class by class, from a seed.
///
/// For each class with `n` images, `round(n · testFraction)` of them, drawn at random, go to
/// the test split and the rest to training, so both splits keep the classes' proportions.
/// Each split is then shuffled as a whole, so `limit=N` sees every class. The same images,
/// fraction and seed give the same splits.
public enum StratifiedSplit {
  public static func split(_ all: ImageSet, testFraction: Double, seed: UInt64) -> (
    train: ImageSet, test: ImageSet
  ) {
    var random = SeededRandom(seed: seed)
    var byClass = [[Int]](repeating: [], count: all.classNames.count)
    for (index, label) in all.labels.enumerated() where Int(label) < byClass.count {
      byClass[Int(label)].append(index)
    }
    var train: [Int] = []
    var test: [Int] = []
    for var members in byClass {
      members.shuffle(using: &random)
      let testCount = Int((Double(members.count) * testFraction).rounded())
      test += members.prefix(testCount)
      train += members.dropFirst(testCount)
    }
    train.shuffle(using: &random)
    test.shuffle(using: &random)
    return (all.subset(train), all.subset(test))
  }
}
