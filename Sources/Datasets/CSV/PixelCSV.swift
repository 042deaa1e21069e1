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
    var lines = Self.lines(bytes)
    var values: [Int] = []
    var header = false
    if let first = lines.first, Self.parse(bytes, first, into: &values) != nil {
      header = true
    }
    let columns: Int
    if header, let first = lines.first {
      columns = Self.columnCount(bytes, first)
      lines.removeFirst()
    } else {
      var counts: [Int: Int] = [:]
      for line in lines { counts[Self.columnCount(bytes, line), default: 0] += 1 }
      columns =
        counts.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?
        .key ?? 0
    }
    let shape = try Self.shape(options.shape, pixelColumns: columns - 1, file: name)

    var skipped: [SkippedInput] = []
    var pixels: [UInt8] = []
    pixels.reserveCapacity(lines.count * shape.count)
    var labels: [UInt8] = []
    var image = [UInt8](repeating: 0, count: shape.count)
    let plane = shape.height * shape.width
    let labelIndex = options.label == .first ? 0 : columns - 1
    let firstPixel = options.label == .first ? 1 : 0
    for line in lines {
      let at = "line \(line.number)"
      if let bad = Self.parse(bytes, line, into: &values) {
        let text = Self.fieldText(bytes, line, column: bad)
        let shown = text.count > 12 ? String(text.prefix(12)) + "…" : text
        skipped.append(
          SkippedInput(name: at, reason: "column \(bad + 1): `\(shown)` is not a whole number"))
        continue
      }
      guard values.count == columns else {
        skipped.append(
          SkippedInput(name: at, reason: "\(values.count) columns, expected \(columns)"))
        continue
      }
      guard values[labelIndex] <= 255 else {
        skipped.append(SkippedInput(name: at, reason: "label \(values[labelIndex]) is above 255"))
        continue
      }
      if let big = (0..<shape.count).first(where: { values[firstPixel + $0] > 255 }) {
        skipped.append(
          SkippedInput(
            name: at, reason: "pixel \(big) is \(values[firstPixel + big]), above 255"))
        continue
      }
      // HWC in the file → CHW in memory.
      for i in 0..<shape.count {
        image[(i % shape.channels) * plane + i / shape.channels] = UInt8(values[firstPixel + i])
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

  /// One non-blank line: its 1-based number and its bytes `start..<end`.
  struct Line {
    var number: Int
    var start: Int
    var end: Int
  }

  /// The non-blank lines of `bytes` (`\n` or `\r\n` ends).
  static func lines(_ bytes: [UInt8]) -> [Line] {
    var lines: [Line] = []
    var number = 1
    var start = 0
    while start < bytes.count {
      var end = start
      var blank = true
      while end < bytes.count, bytes[end] != 0x0A {
        if bytes[end] != 0x20, bytes[end] != 0x0D, bytes[end] != 0x09 { blank = false }
        end += 1
      }
      if !blank { lines.append(Line(number: number, start: start, end: end)) }
      number += 1
      start = end + 1
    }
    return lines
  }

  /// Commas plus one.
  static func columnCount(_ bytes: [UInt8], _ line: Line) -> Int {
    var count = 1
    for i in line.start..<line.end where bytes[i] == 0x2C { count += 1 }
    return count
  }

  /// The bounds of field `column` with spaces, tabs, `\r` and quotes trimmed.
  static func field(_ bytes: [UInt8], _ line: Line, column: Int) -> Range<Int> {
    var a = line.start
    for _ in 0..<column {
      while a < line.end, bytes[a] != 0x2C { a += 1 }
      a += 1
    }
    var b = min(a, line.end)
    while b < line.end, bytes[b] != 0x2C { b += 1 }
    return trimmed(bytes, a..<b)
  }

  private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
    func trim(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == UInt8(ascii: "\"")
    }
    var a = range.lowerBound
    var b = range.upperBound
    while a < b, trim(bytes[a]) { a += 1 }
    while b > a, trim(bytes[b - 1]) { b -= 1 }
    return a..<b
  }

  /// The text of field `column` (for messages).
  static func fieldText(_ bytes: [UInt8], _ line: Line, column: Int) -> String {
    String(decoding: bytes[field(bytes, line, column: column)], as: UTF8.self)
  }

  /// Reads the fields of `line` as whole numbers below 10⁹ into `values` (reused); returns
  /// the index of the first field that is not one, or nil when all are.
  static func parse(_ bytes: [UInt8], _ line: Line, into values: inout [Int]) -> Int? {
    values.removeAll(keepingCapacity: true)
    var a = line.start
    while true {
      var b = a
      while b < line.end, bytes[b] != 0x2C { b += 1 }
      let range = trimmed(bytes, a..<b)
      var value = 0
      guard !range.isEmpty, range.count <= 9 else { return values.count }
      for i in range {
        let digit = bytes[i] &- 0x30
        guard digit < 10 else { return values.count }
        value = value * 10 + Int(digit)
      }
      values.append(value)
      if b >= line.end { return nil }
      a = b + 1
    }
  }
}
