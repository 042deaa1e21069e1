import Core
import Rendering

/// Data set images as pictures and class probabilities as text bars (`show sample`, `predict`).
public enum SamplePicture {
  /// Image `index` of `set` as grey values 0…255 (the mean of the channels for colour images),
  /// captioned with its label: `7` or `3 cat`.
  public static func image(_ set: ImageSet, index: Int) -> CaptionedImage {
    let shape = set.shape
    let plane = shape.height * shape.width
    let channels = shape.channels
    var values = [Float](repeating: 0, count: plane)
    let start = index * shape.count
    set.pixels.withUnsafeBufferPointer { pixels in
      for c in 0..<channels {
        for i in 0..<plane { values[i] += Float(pixels[start + c * plane + i]) }
      }
    }
    if channels > 1 { for i in 0..<plane { values[i] /= Float(channels) } }
    return CaptionedImage(
      values: values, width: shape.width, height: shape.height,
      caption: caption(Int(set.labels[index]), set.classNames))
  }

  /// `label 7` with its class name when it is not just the number.
  public static func caption(_ label: Int, _ names: [String]) -> String {
    "label " + EvaluationReport.label(label, names)
  }

  /// One bar per class, `width` cells for 100%: `7 ####...  98.1%  <- label, predicted`.
  public static func probabilityBars(
    _ probabilities: [Float], label: Int, classNames: [String], ascii: Bool, width: Int = 40
  ) -> [String] {
    let predicted = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
    let labelWidth = EvaluationReport.labelWidth(classNames)
    let block: Character = ascii ? "#" : "█"
    return probabilities.enumerated().map { i, p in
      let cells = Int((Double(p) * Double(width)).rounded())
      var line =
        EvaluationReport.pad(EvaluationReport.label(i, classNames), labelWidth) + " "
        + String(repeating: block, count: max(0, min(width, cells)))
        + String(repeating: " ", count: max(0, width - cells)) + " "
        + EvaluationReport.left(TrainingReport.percent(p), 7)
      let notes = (i == label ? ["label"] : []) + (i == predicted ? ["predicted"] : [])
      if !notes.isEmpty { line += "  <- " + notes.joined(separator: ", ") }
      return line
    }
  }
}
