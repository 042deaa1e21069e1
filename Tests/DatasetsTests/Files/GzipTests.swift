import Datasets
import Foundation
import Testing

@Suite struct GzipTests {
  var sampleLabels: URL {
    get throws { try EmbeddedSample.folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz") }
  }

  @Test func inflatesARealFile() throws {
    let gz = try Fixtures.read(try sampleLabels)
    #expect(Gzip.isGzip(gz))
    let raw = try Gzip.decompress(gz, file: "labels.gz")
    #expect(raw.count == 8 + 1_000)
    #expect(Array(raw[0..<4]) == [0, 0, 8, 1])
    #expect(Array(raw[8..<18]) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    #expect(!Gzip.isGzip(raw))
    #expect(try DataFileReader.decompressIfGzip(raw, file: "raw") == raw)
  }

  @Test func concatenatedMembersInflateOneAfterTheOther() throws {
    let gz = try Fixtures.read(try sampleLabels)
    let raw = try Gzip.decompress(gz, file: "a")
    #expect(try Gzip.decompress(gz + gz, file: "a") == raw + raw)
  }

  @Test func truncatedStreamIsReported() throws {
    let gz = try Fixtures.read(try sampleLabels)
    for cut in [3, 10, gz.count / 2, gz.count - 1] {
      #expect(throws: DataFileError.truncatedGzip(file: "t.gz")) {
        try Gzip.decompress(Array(gz[0..<cut]), file: "t.gz")
      }
    }
  }

  @Test func damagedTrailerIsReported() throws {
    var gz = try Fixtures.read(try sampleLabels)
    gz[gz.count - 6] ^= 0xFF  // inside the CRC-32
    #expect {
      try Gzip.decompress(gz, file: "c.gz")
    } throws: { error in
      guard case .corruptGzip(let file, let reason)? = error as? DataFileError else { return false }
      return file == "c.gz" && reason.contains("check")
    }
  }

  @Test func strayBytesAfterTheStreamAreReported() throws {
    let gz = try Fixtures.read(try sampleLabels)
    #expect(throws: DataFileError.self) { try Gzip.decompress(gz + [1, 2, 3], file: "s.gz") }
  }
}
