import Foundation
import ModelFiles
import ReplTestSupport
import Testing

@Suite struct SafeTensorsTests {
  static let sample = SafeTensors(
    tensors: [
      // Float.pi is π rounded toward zero: 3.1415925 (3.141592502593994 as a Python float).
      .init(name: "1.weight", shape: [2, 1, 2, 2], values: [1, -2, 3.5, 0, 1e-8, -0.0, .pi, 42]),
      .init(name: "1.bias", shape: [2], values: [0.25, -0.75]),
      .init(name: "3.weight", shape: [3, 0], values: []),
    ],
    metadata: ["cnnrepl.architecture": "input 2x2x1\nconv 2 2 \"quoted\" \\ tab\t", "z": "last"])

  @Test func roundTrip() throws {
    let data = try Self.sample.encoded()
    let decoded = try SafeTensors(decoding: data)
    #expect(decoded.metadata == Self.sample.metadata)
    for tensor in Self.sample.tensors {
      let read = try #require(decoded.tensor(named: tensor.name))
      #expect(read.shape == tensor.shape)
      #expect(read.values.map(\.bitPattern) == tensor.values.map(\.bitPattern))
    }
  }

  @Test func layout() throws {
    let data = [UInt8](try Self.sample.encoded())
    var length = 0
    for i in (0..<8).reversed() { length = length << 8 | Int(data[i]) }
    #expect(length % 8 == 0)
    #expect(data.count == 8 + length + 4 * 10)
    let header = String(decoding: data[8..<(8 + length)], as: UTF8.self)
    #expect(header.hasPrefix("{\"__metadata__\":{"))
    #expect(
      header.contains(
        "\"1.weight\":{\"dtype\":\"F32\",\"shape\":[2,1,2,2],\"data_offsets\":[0,32]}"))
    #expect(
      header.contains("\"1.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[32,40]}"))
    // 1.0 as little-endian float32 right after the header.
    #expect(Array(data[(8 + length)..<(12 + length)]) == [0x00, 0x00, 0x80, 0x3F])
  }

  @Test func encodingIsDeterministic() throws {
    #expect(try Self.sample.encoded() == Self.sample.encoded())
  }

  @Test func duplicateNamesAreRefusedWhenWriting() {
    let file = SafeTensors(tensors: [
      .init(name: "a", shape: [1], values: [1]), .init(name: "a", shape: [1], values: [2]),
    ])
    #expect(throws: SafeTensorsError.duplicateName("a")) { try file.encoded() }
  }

  // MARK: corrupt files: always an error, never a crash

  /// A file with `header` as its JSON and `dataBytes` zero bytes of data.
  static func file(header: String, dataBytes: Int = 0, declaredLength: UInt64? = nil) -> Data {
    var data = Data()
    withUnsafeBytes(of: (declaredLength ?? UInt64(header.utf8.count)).littleEndian) {
      data.append(contentsOf: $0)
    }
    data.append(contentsOf: Array(header.utf8))
    data.append(contentsOf: [UInt8](repeating: 0, count: dataBytes))
    return data
  }

  @Test func corruptHeaders() {
    #expect(throws: SafeTensorsError.tooShort(bytes: 3)) {
      try SafeTensors(decoding: Data([1, 2, 3]))
    }
    #expect(throws: SafeTensorsError.headerLength(declared: 1000, available: 2)) {
      try SafeTensors(decoding: Self.file(header: "{}", declaredLength: 1000))
    }
    #expect(throws: SafeTensorsError.headerLength(declared: UInt64.max, available: 2)) {
      try SafeTensors(decoding: Self.file(header: "{}", declaredLength: UInt64.max))
    }
    #expect(throws: SafeTensorsError.headerNotJSON) {
      try SafeTensors(decoding: Self.file(header: "{not json"))
    }
    #expect(throws: SafeTensorsError.headerNotJSON) {
      try SafeTensors(decoding: Self.file(header: "[1,2]"))
    }
    #expect(throws: SafeTensorsError.badMetadata) {
      try SafeTensors(decoding: Self.file(header: #"{"__metadata__":{"a":1}}"#))
    }
  }

  @Test func corruptEntries() {
    func decode(_ header: String, _ bytes: Int) throws(SafeTensorsError) {
      _ = try SafeTensors(decoding: Self.file(header: header, dataBytes: bytes))
    }
    #expect(throws: SafeTensorsError.unsupportedType(name: "w", dtype: "F16")) {
      try decode(#"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, 4)
    }
    #expect(throws: SafeTensorsError.offsetsOutOfRange(name: "w", begin: 0, end: 16, available: 8))
    {
      try decode(#"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, 8)
    }
    #expect(throws: SafeTensorsError.offsetsOutOfRange(name: "w", begin: 8, end: 4, available: 8)) {
      try decode(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, 8)
    }
    #expect(
      throws: SafeTensorsError.sizeMismatch(
        name: "w", shape: [3], expectedBytes: 12, actualBytes: 8)
    ) {
      try decode(#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, 8)
    }
    #expect(throws: SafeTensorsError.overlap(name: "a", other: "b")) {
      try decode(
        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        12)
    }
    #expect(throws: SafeTensorsError.badEntry(name: "w", problem: "no dtype")) {
      try decode(#"{"w":{"shape":[1],"data_offsets":[0,4]}}"#, 4)
    }
    #expect(
      throws: SafeTensorsError.badEntry(
        name: "w", problem: "shape is not a list of whole numbers ≥ 0")
    ) {
      try decode(#"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, 4)
    }
    #expect(
      throws: SafeTensorsError.badEntry(name: "w", problem: "data_offsets is not [begin, end]")
    ) {
      try decode(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, 4)
    }
    #expect(throws: SafeTensorsError.badEntry(name: "w", problem: "not an object")) {
      try decode(#"{"w":3}"#, 0)
    }
    // A huge shape must not overflow or allocate.
    #expect(throws: SafeTensorsError.self) {
      try decode(#"{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,4]}}"#, 4)
    }
  }

  /// Every truncation of a real file is refused: the header describes the data section's
  /// exact size, so no prefix can pass for a whole file.
  @Test func everyTruncationIsRefused() throws {
    let data = try Self.sample.encoded()
    for cut in 0..<data.count {
      #expect(throws: SafeTensorsError.self, "a file cut to \(cut) of \(data.count) bytes") {
        try SafeTensors(decoding: data.prefix(cut))
      }
    }
  }

  /// Every single-byte change of a real file is refused or reads as a file that says what its
  /// bytes say: a change in the data section changes exactly the value holding that byte; a
  /// change in the header that still parses (a letter of a name, padding) keeps every value.
  /// Whatever is accepted re-encodes to a file that reads back the same.
  @Test func everyByteChangeIsRefusedOrReadsConsistently() throws {
    let data = try Self.sample.encoded()
    let original = try SafeTensors(decoding: data)
    let dataStart = data.count - 4 * original.tensors.reduce(0) { $0 + $1.values.count }
    let originalBits = original.tensors.flatMap { $0.values.map(\.bitPattern) }
    var accepted = 0
    for i in 0..<data.count {
      for mask: UInt8 in [0x01, 0x5A, 0xFF] {
        var changed = data
        changed[i] ^= mask
        guard let read = try? SafeTensors(decoding: changed) else { continue }
        accepted += 1
        let bits = read.tensors.flatMap { $0.values.map(\.bitPattern) }
        if i >= dataStart {
          #expect(read.tensors.map(\.name) == original.tensors.map(\.name))
          let index = (i - dataStart) / 4
          var expected = originalBits
          expected[index] ^= UInt32(mask) << (8 * ((i - dataStart) % 4))
          #expect(bits == expected, "byte \(i) ^ \(mask)")
        } else {
          #expect(bits == originalBits, "byte \(i) ^ \(mask) changed the values")
        }
        let again = try SafeTensors(decoding: read.encoded())
        #expect(
          Self.bitwise(again) == Self.bitwise(read), "byte \(i) ^ \(mask) re-encodes otherwise")
      }
    }
    #expect(accepted >= 3 * 4 * 10)  // at least every change in the data section
  }

  /// Names, shapes, value bits and metadata (NaN compares equal to itself here).
  static func bitwise(_ file: SafeTensors) -> [String] {
    file.tensors.map { "\($0.name) \($0.shape) \($0.values.map(\.bitPattern))" }
      + file.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
  }

  @Test func theFileSizeMustBeWhatTheHeaderDescribes() throws {
    let data = try Self.sample.encoded()
    #expect(throws: SafeTensorsError.dataSize(described: 40, actual: 44)) {
      try SafeTensors(decoding: data + Data([0, 0, 0, 0]))
    }
    #expect(throws: SafeTensorsError.gap(begin: 0, end: 4)) {
      try SafeTensors(
        decoding: Self.file(
          header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, dataBytes: 8))
    }
    #expect(throws: SafeTensorsError.gap(begin: 4, end: 8)) {
      try SafeTensors(
        decoding: Self.file(
          header:
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
          dataBytes: 12))
    }
  }

  /// Headers that would cost far more memory to parse than their size are refused first.
  @Test func oversizedHeadersAreRefusedBeforeParsing() throws {
    #expect(throws: SafeTensorsError.headerTooLarge(bytes: 99_000_000, limit: 16 << 20)) {
      try SafeTensorsHeader(fileSize: 8 + 99_000_000) { (offset, count) throws(SafeTensorsError) in
        guard offset == 0, count == 8 else {
          Issue.record("read \(count) bytes at \(offset), past the header length")
          return [UInt8](repeating: 0, count: count)
        }
        return withUnsafeBytes(of: UInt64(99_000_000).littleEndian) { Array($0) }
      }
    }
    // 15 MiB of empty entries: within the byte limit, past the item limit.
    var text = "{"
    var index = 0
    while text.utf8.count < 15 << 20 {
      text += "\"e\(index)\":{},"
      index += 1
    }
    text += "\"last\":{}}"
    #expect(throws: SafeTensorsError.headerTooManyItems(limit: SafeTensorsHeader.maxHeaderItems)) {
      try SafeTensors(decoding: Self.file(header: text))
    }
    #expect(throws: SafeTensorsError.headerTooDeep(limit: 3)) {
      try SafeTensors(decoding: Self.file(header: #"{"__metadata__":{"a":[[1]]}}"#))
    }
    // Brackets inside strings are text, not nesting.
    let quoted = try SafeTensors(decoding: Self.file(header: #"{"__metadata__":{"a":"[[[{{{,,"}}"#))
    #expect(quoted.metadata == ["a": "[[[{{{,,"])
  }

  // MARK: Python's safetensors package

  @Test(.enabled(if: PythonSafetensors.available, PythonSafetensors.reason))
  func readsAFileWrittenByPython() throws {
    let folder = Paths.temporaryFolder()
    let path = folder.appendingPathComponent("py.safetensors").path
    let script = """
      import numpy as np
      from safetensors.numpy import save_file
      w = np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2) / 8 - 1
      b = np.array([0.5, -1.25], dtype=np.float32)
      save_file({"1.weight": w, "1.bias": b}, "\(path)", metadata={"cnnrepl.architecture": "input 4x4x3\\nconv 2 2\\n"})
      """
    #expect(PythonSafetensors.run(["-c", script]).status == 0)
    let file = try SafeTensors(decoding: try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(file.metadata["cnnrepl.architecture"] == "input 4x4x3\nconv 2 2\n")
    let weight = try #require(file.tensor(named: "1.weight"))
    #expect(weight.shape == [2, 3, 2, 2])
    #expect(weight.values == (0..<24).map { Float($0) / 8 - 1 })
    #expect(file.tensor(named: "1.bias")?.values == [0.5, -1.25])
  }

  @Test(.enabled(if: PythonSafetensors.available, PythonSafetensors.reason))
  func pythonReadsAFileWrittenHere() throws {
    let folder = Paths.temporaryFolder()
    let path = folder.appendingPathComponent("swift.safetensors").path
    try Self.sample.encoded().write(to: URL(fileURLWithPath: path))
    let script = """
      from safetensors import safe_open
      with safe_open("\(path)", framework="np") as f:
          meta = f.metadata()
          for name in sorted(f.keys()):
              t = f.get_tensor(name)
              print(name, list(t.shape), str(t.dtype), repr([float(x) for x in t.reshape(-1)]))
          print(repr(meta["cnnrepl.architecture"]))
      """
    let result = PythonSafetensors.run(["-c", script])
    #expect(result.status == 0)
    #expect(
      result.output.split(separator: "\n").map(String.init) == [
        "1.bias [2] float32 [0.25, -0.75]",
        "1.weight [2, 1, 2, 2] float32 [1.0, -2.0, 3.5, 0.0, 9.99999993922529e-09, -0.0, 3.141592502593994, 42.0]",
        "3.weight [3, 0] float32 []",
        #"'input 2x2x1\nconv 2 2 "quoted" \\ tab\t'"#,
      ])
  }
}
