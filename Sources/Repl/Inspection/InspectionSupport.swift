import Core
import Rendering

/// What the `show fmap|filters|…`, `gradcheck` and `explain` commands share: the refusal while
/// a training owns the model, the test split, and the translation of Core's inspection errors
/// and grids into refusals and pictures.
enum InspectionSupport {
  /// Refuses `command` while a training (or anything else) holds the model, or when running
  /// `images` images through `pass` would pass the memory budget (every tool says what it
  /// runs: 0 images for one that only reads the weights).
  static func requireIdleModel(
    _ command: String, in session: Session, images: Int, pass: MemoryPass
  ) throws(CommandError) {
    try session.requireIdleModel(command)
    try session.requireMemory(command, images: images, pass: pass)
    if let reason = session.modelLockReason {
      throw .refused(
        command: command, problem: "the model is busy: \(reason)", hint: "`stop` or `wait` first")
    }
  }

  /// The split the tools look at: the test split, or the training split when it has no test
  /// images.
  static func images(_ command: String, in session: Session) throws(CommandError) -> (
    ImageSet, Normalization
  ) {
    let data = try session.requireData(command)
    return (data.test.count > 0 ? data.test : data.train, data.normalization)
  }

  /// Runs a Core computation; an ``InspectionError`` becomes a refusal naming `command`.
  static func compute<T>(_ command: String, _ body: () throws(InspectionError) -> T)
    throws(CommandError) -> T
  {
    do {
      return try body()
    } catch {
      throw Session.refusal(command, error)
    }
  }

  /// One grid as a captioned picture; `zoom` repeats each value `zoom` times across and down
  /// (nearest neighbour), so a 3x3 kernel at zoom 2 is 6 columns wide and 6 pixel rows high.
  static func image(_ grid: Grid, caption: String, zoom: Int = 1) -> CaptionedImage {
    guard zoom > 1 else {
      return CaptionedImage(
        values: grid.values, width: grid.width, height: grid.height, caption: caption)
    }
    let (w, h) = (grid.width * zoom, grid.height * zoom)
    var values = [Float](repeating: 0, count: w * h)
    for y in 0..<h {
      for x in 0..<w { values[y * w + x] = grid[y / zoom, x / zoom] }
    }
    return CaptionedImage(values: values, width: w, height: h, caption: caption)
  }

  /// The class name of `label`, or its number.
  static func className(_ label: Int, in set: ImageSet) -> String {
    label < set.classNames.count ? set.classNames[label] : "\(label)"
  }
}

extension InspectionSupport {
  /// `lines` with every line longer than `width` broken at its last space that fits; the
  /// continuation lines are indented by two spaces (78: a line stays clear of the border of an
  /// 80-column notebook pane).
  static func wrapped(_ lines: [String], width: Int = 78) -> [String] {
    var result: [String] = []
    for line in lines {
      var rest = Substring(line)
      var prefix = ""
      while prefix.count + rest.count > width {
        let room = width - prefix.count
        let head = rest.prefix(room + 1)
        guard let cut = head.lastIndex(of: " "), cut > rest.startIndex else { break }
        result.append(prefix + rest[..<cut])
        rest = rest[rest.index(after: cut)...]
        prefix = "  "
      }
      result.append(prefix + rest)
    }
    return result
  }
}
