import Core
import Foundation

/// A pixel CSV as Kaggle's digit recognizer ships it.
///
/// One image per row, a label column and then the pixels `0…255` row by row (channels
/// interleaved, HWC, when there are several):
///
///     label,pixel0,pixel1,…,pixel783
///     1,0,0,…,0
///
/// A first row that is not all whole numbers is a header and is dropped. Labels are whole
/// numbers `0…255`; the classes are `0` … the largest label. A row with the wrong number of
/// columns, a value that is not a whole number, a pixel above 255 or a label above 255 is
/// skipped and reported with its line number, never fatal. The expected number of columns is
/// the header's, else the most common one; `shape` must match it. `.gz` files are inflated.
public struct PixelCSV {
  public let file: URL

  public init(_ file: URL) { self.file = file }

  public func load(_ options: PixelCSVOptions = PixelCSVOptions()) throws -> UserDataLoad {
    let bytes = try DataFileReader.bytes(at: file)
    let name = file.lastPathComponent
    var rows = Self.rows(bytes)
    var header: [String]? = nil
    if let first = rows.first, first.fields.contains(where: { $0.value == nil }) {
      header = first.fields.map(\.text)
      rows.removeFirst()
    }
    let columns: Int
    if let header {
      columns = header.count
    } else {
      var counts: [Int: Int] = [:]
      for row in rows { counts[row.fields.count, default: 0] += 1 }
      columns =
        counts.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?
        .key ?? 0
    }
    let pixelColumns = columns - 1
    let shape = try Self.shape(options.shape, pixelColumns: pixelColumns, file: name)

    var skipped: [SkippedInput] = []
    var pixels: [UInt8] = []
    var labels: [UInt8] = []
    let plane = shape.height * shape.width
    for row in rows {
      let where_ = "line \(row.line)"
      guard row.fields.count == columns else {
        skipped.append(
          SkippedInput(name: where_, reason: "\(row.fields.count) columns, expected \(columns)"))
        continue
      }
      if let bad = row.fields.enumerated().first(where: { $0.element.value == nil }) {
        let shown =
          bad.element.text.count > 12
          ? String(bad.element.text.prefix(12)) + "…" : bad.element.text
        skipped.append(
          SkippedInput(
            name: where_, reason: "column \(bad.offset + 1): `\(shown)` is not a whole number"))
        continue
      }
      let labelIndex = options.label == .first ? 0 : columns - 1
      let values = row.fields.map { $0.value ?? 0 }
      guard values[labelIndex] <= 255 else {
        skipped.append(
          SkippedInput(name: where_, reason: "label \(values[labelIndex]) is above 255"))
        continue
      }
      let pixelValues = options.label == .first ? values.dropFirst() : values.dropLast()
      if let big = pixelValues.enumerated().first(where: { $0.element > 255 }) {
        skipped.append(
          SkippedInput(name: where_, reason: "pixel \(big.offset) is \(big.element), above 255"))
        continue
      }
      // HWC in the file → CHW in memory.
      var image = [UInt8](repeating: 0, count: shape.count)
      for (i, value) in pixelValues.enumerated() {
        let p = i / shape.channels
        let c = i % shape.channels
        image[c * plane + p] = UInt8(value)
      }
      pixels += image
      labels.append(UInt8(values[labelIndex]))
    }
    guard !labels.isEmpty else {
      throw UserDataError.noRows(
        file: name, skipped: skipped.count, firstReason: skipped.first?.description)
    }
    let classCount = Int(labels.max() ?? 0) + 1
    let all = ImageSet(
      shape: shape, pixels: pixels, labels: labels, classNames: (0..<classCount).map(String.init))
    let (train, test) = StratifiedSplit.split(
      all, testFraction: options.testFraction, seed: options.seed)
    let base = (name.hasSuffix(".gz") ? String(name.dropLast(3)) : name) as NSString
    let data = DataSplits(name: base.deletingPathExtension, train: train, test: test)
    return UserDataLoad(data: data, skipped: skipped, noun: "rows")
  }

  /// The given shape checked against the columns, or the one inferred from them.
  static func shape(_ given: Shape?, pixelColumns: Int, file: String) throws -> Shape {
    if let given {
      guard given.count == pixelColumns else {
        throw UserDataError.shapeMismatch(
          file: file, pixelColumns: pixelColumns, shape: given.description)
      }
      return given
    }
    let side = Int(Double(max(pixelColumns, 0)).squareRoot().rounded())
    guard pixelColumns > 0, side * side == pixelColumns else {
      throw UserDataError.shapeRequired(file: file, pixelColumns: pixelColumns)
    }
    return Shape(height: side, width: side, channels: 1)
  }

  /// One field: its text (spaces and quotes trimmed) and its value when it is a whole number
  /// below 10⁹.
  struct Field {
    var text: String
    var value: Int?
  }

  struct Row {
    /// 1-based line number in the file.
    var line: Int
    var fields: [Field]
  }

  /// The non-blank lines of `bytes` split at commas.
  static func rows(_ bytes: [UInt8]) -> [Row] {
    var rows: [Row] = []
    var line = 1
    var start = 0
    let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
    func field(_ from: Int, _ to: Int) -> Field {
      var a = from, b = to
      let trim: Set<UInt8> = [0x20, 0x09, 0x0D, UInt8(ascii: "\"")]
      while a < b, trim.contains(bytes[a]) { a += 1 }
      while b > a, trim.contains(bytes[b - 1]) { b -= 1 }
      var value = 0
      var ok = a < b && b - a <= 9
      var i = a
      while ok, i < b {
        let d = bytes[i]
        if d >= 0x30, d <= 0x39 { value = value * 10 + Int(d - 0x30) } else { ok = false }
        i += 1
      }
      if ok { return Field(text: "", value: value) }
      return Field(text: String(decoding: bytes[a..<b], as: UTF8.self), value: nil)
    }
    while start <= bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != newline { end += 1 }
      var fields: [Field] = []
      var blank = true
      for i in start..<end where bytes[i] != 0x20 && bytes[i] != 0x0D && bytes[i] != 0x09 {
        blank = false
        break
      }
      if !blank {
        var from = start
        for i in start...end where i == end || bytes[i] == comma {
          fields.append(field(from, i))
          from = i + 1
        }
        rows.append(Row(line: line, fields: fields))
      }
      line += 1
      start = end + 1
    }
    return rows
  }
}
