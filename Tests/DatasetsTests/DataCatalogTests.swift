import Datasets
import Foundation
import Testing

@Suite struct DataCatalogTests {
  @Test func fileBasedSetsOtherThanMNISTNeedAFolder() {
    #expect(throws: DatasetOptionError.folderRequired(dataset: "fashion")) {
      try DataCatalog.load(.fashion)
    }
    #expect(throws: DatasetOptionError.folderRequired(dataset: "cifar10")) {
      try DataCatalog.load(.cifar10, dataDirs: [URL(fileURLWithPath: "/nonexistent")])
    }
  }

  @Test func pathWinsOverDataDirWhichWinsOverTheSample() throws {
    try Fixtures.withScratchFolder { dataDir in
      let cifar = DataCatalog.defaultFolder(for: .cifar10, dataDir: dataDir)
      #expect(cifar.lastPathComponent == "cifar10")
      try FileManager.default.createDirectory(at: cifar, withIntermediateDirectories: true)
      try CIFAR10FolderTests.writeFolder(cifar, perBatch: 1)
      #expect(try DataCatalog.load(.cifar10, dataDirs: [dataDir]).train.count == 5)
      #expect(DataCatalog.folder(for: .mnist, path: nil, dataDirs: [dataDir]) == nil)
      let elsewhere = dataDir.appendingPathComponent("elsewhere")
      #expect(DataCatalog.folder(for: .cifar10, path: elsewhere, dataDirs: [dataDir]) == elsewhere)
      #expect(throws: DataFileError.missingFolder(path: elsewhere.path)) {
        try DataCatalog.load(.fashion, path: elsewhere, dataDirs: [dataDir])
      }
    }
  }

  /// `--data-dir` first, then the download cache: the first folder holding `NAME/` is used.
  @Test func dataFoldersAreSearchedInOrder() throws {
    try Fixtures.withScratchFolder { root in
      let (first, cache) = (root.appendingPathComponent("first"), root.appendingPathComponent("cache"))
      let cachedSet = DataCatalog.defaultFolder(for: .cifar10, dataDir: cache)
      try FileManager.default.createDirectory(at: cachedSet, withIntermediateDirectories: true)
      try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
      #expect(DataCatalog.folder(for: .cifar10, path: nil, dataDirs: [first, cache]) == cachedSet)
      let ownSet = DataCatalog.defaultFolder(for: .cifar10, dataDir: first)
      try FileManager.default.createDirectory(at: ownSet, withIntermediateDirectories: true)
      #expect(DataCatalog.folder(for: .cifar10, path: nil, dataDirs: [first, cache]) == ownSet)
      #expect(DataCatalog.folder(for: .mnist, path: nil, dataDirs: [first, cache]) == nil)
    }
  }

  @Test func syntheticSetsTakeTheirOptions() throws {
    let options = SyntheticOptions(trainCount: 12, testCount: 4, size: 16, seed: 5)
    let bars = try DataCatalog.load(.bars, synthetic: options)
    #expect(bars.train.count == 12 && bars.test.count == 4 && bars.train.shape.width == 16)
    let shapes = try DataCatalog.load(.shapes, synthetic: options)
    #expect(shapes.name == "shapes" && shapes.train.classNames == DatasetName.shapes.classNames)
  }

  @Test func fashionHasItsOwnClassNames() {
    #expect(DatasetName.fashion.classNames.first == "T-shirt/top")
    #expect(DatasetName.fashion.classNames.last == "Ankle boot")
    #expect(DatasetName.allCases.allSatisfy { !$0.summary.isEmpty })
  }
}
