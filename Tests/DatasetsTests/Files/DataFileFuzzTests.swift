import Core
import Datasets
import Foundation
import Testing

/// Truncates and mutates real data files at many seeded points.
///
/// Every load must either succeed or throw a ``DataFileError``, never crash or throw anything
/// else. A short run is part of the
/// suite; `CNNREPL_LONG_FUZZ=1` runs a long one (also on the shared 24,000-image files).
@Suite struct DataFileFuzzTests {
  static let longRun = ProcessInfo.processInfo.environment["CNNREPL_LONG_FUZZ"] == "1"

  /// One way to spoil a file.
  enum Mutation: CaseIterable {
    case truncate, flipBytes, truncateAndFlip, appendGarbage, zeroRun
  }

  static func mutate(_ bytes: [UInt8], _ mutation: Mutation, _ random: inout SeededRandom)
    -> [UInt8]
  {
    var out = bytes
    func flip() {
      for _ in 0..<(1 + Int(random.next() % 4)) where !out.isEmpty {
        // Headers are where most checks live: aim a third of the flips at the first 32 bytes.
        let limit = random.next() % 3 == 0 ? min(32, out.count) : out.count
        out[Int(random.next() % UInt64(limit))] ^= UInt8(1 + random.next() % 255)
      }
    }
    switch mutation {
    case .truncate: out = Array(out.prefix(Int(random.next() % UInt64(out.count))))
    case .flipBytes: flip()
    case .truncateAndFlip:
      out = Array(out.prefix(Int(random.next() % UInt64(out.count))))
      flip()
    case .appendGarbage:
      out += (0..<(1 + Int(random.next() % 40))).map { _ in UInt8(truncatingIfNeeded: random.next())
      }
    case .zeroRun:
      let start = Int(random.next() % UInt64(out.count))
      for i in start..<min(out.count, start + 1 + Int(random.next() % 64)) { out[i] = 0 }
    }
    return out
  }

  /// The error's case name (`countMismatch`, `truncatedGzip`, …).
  static func kind(_ error: DataFileError) -> String {
    Mirror(reflecting: error).children.first?.label ?? "\(error)"
  }

  /// Copies the four IDX files of `source` (test split standing in for both splits, so each
  /// load is small) into `folder`, gzipped as they are or inflated when `raw`.
  static func prepareIDXFolder(from source: URL, into folder: URL, raw: Bool, small: Bool) throws
    -> [String: [UInt8]]
  {
    var files: [String: [UInt8]] = [:]
    for name in IDXFolder.fileNames {
      let origin = small ? name.replacingOccurrences(of: "train", with: "t10k") : name
      let gz = try Fixtures.read(source.appendingPathComponent(origin + ".gz"))
      let bytes = raw ? try DataFileReader.decompressIfGzip(gz, file: origin) : gz
      let fileName = raw ? name : name + ".gz"
      try Fixtures.write(bytes, to: folder.appendingPathComponent(fileName))
      files[fileName] = bytes
    }
    return files
  }

  /// Runs `cases` mutations over the IDX folder, one spoiled file at a time.
  static func fuzzIDX(source: URL, cases: Int, seed: UInt64, small: Bool) throws -> [String: Int] {
    var outcomes: [String: Int] = [:]
    var random = SeededRandom(seed: seed)
    for raw in [false, true] {
      // No closure here: capturing `random` and `outcomes` crashes the 6.3 compiler.
      let folder = try Fixtures.makeScratchFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let files = try prepareIDXFolder(from: source, into: folder, raw: raw, small: small)
      let names = files.keys.sorted()
      for _ in 0..<(cases / 2) {
        let name = names[Int(random.next() % UInt64(names.count))]
        let mutation = Mutation.allCases[Int(random.next() % UInt64(Mutation.allCases.count))]
        let url = folder.appendingPathComponent(name)
        try Fixtures.write(mutate(files[name] ?? [], mutation, &random), to: url)
        do {
          let data = try DataCatalog.load(.mnist, path: folder)
          #expect(data.train.pixels.count == data.train.count * data.train.shape.count)
          outcomes["loaded", default: 0] += 1
        } catch let error as DataFileError {
          #expect(error.description.contains(name), "\(error)")
          outcomes[kind(error), default: 0] += 1
        } catch {
          Issue.record("\(name) \(mutation): not a DataFileError: \(error)")
        }
        try Fixtures.write(files[name] ?? [], to: url)
      }
    }
    return outcomes
  }

  @Test func shortRunOnTheEmbeddedSample() throws {
    let outcomes = try Self.fuzzIDX(
      source: try EmbeddedSample.folder, cases: 300, seed: 2026, small: true)
    #expect(outcomes.values.reduce(0, +) == 300)
    // The mutations reach many different checks, not one catch-all.
    #expect(outcomes.keys.count >= 6, "\(outcomes)")
    #expect(outcomes["truncatedGzip"] != nil && outcomes["countMismatch"] != nil, "\(outcomes)")
  }

  @Test func cifarBatchesSurviveMutation() {
    var random = SeededRandom(seed: 7)
    let original = (0..<6).flatMap { CIFAR10FolderTests.record(batch: 0, index: $0) }
    var seen: Set<String> = []
    for _ in 0..<(Self.longRun ? 5_000 : 300) {
      let mutation = Mutation.allCases[Int(random.next() % UInt64(Mutation.allCases.count))]
      let bytes = Self.mutate(original, mutation, &random)
      do {
        let (pixels, labels) = try CIFAR10Folder.records(
          from: DataFileReader.decompressIfGzip(bytes, file: "data_batch_1.bin"),
          file: "data_batch_1.bin", classCount: 10)
        #expect(pixels.count == labels.count * 3_072)
        seen.insert("loaded")
      } catch let error as DataFileError {
        seen.insert(Self.kind(error))
      } catch {
        Issue.record("not a DataFileError: \(error)")
      }
    }
    #expect(seen.isSuperset(of: ["loaded", "recordSize", "labelOutOfRange"]), "\(seen)")
  }

  @Test(.enabled(if: longRun)) func longRunOnTheSampleAndTheSharedFiles() throws {
    let outcomes = try Self.fuzzIDX(
      source: try EmbeddedSample.folder, cases: 4_000, seed: 1, small: true)
    #expect(outcomes.values.reduce(0, +) == 4_000)
    if let shared = Fixtures.sharedMNIST {
      let big = try Self.fuzzIDX(source: shared, cases: 200, seed: 2, small: false)
      #expect(big.values.reduce(0, +) == 200)
    }
  }
}
