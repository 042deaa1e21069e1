import Datasets
import Foundation
import Testing

@Suite struct DataCatalogTests {
  @Test func fileBasedSetsOtherThanMNISTNeedAFolder() {
    #expect(throws: DatasetOptionError.folderRequired(dataset: "fashion")) {
      try DataCatalog.load(.fashion)
    }
    #expect(throws: DatasetOptionError.folderRequired(dataset: "cifar10")) {
      try DataCatalog.load(.cifar10, dataDir: URL(fileURLWithPath: "/nonexistent"))
    }
  }

  @Test func pathWinsOverDataDirWhichWinsOverTheSample() throws {
    try Fixtures.withScratchFolder { dataDir in
      let cifar = DataCatalog.defaultFolder(for: .cifar10, dataDir: dataDir)
      #expect(cifar.lastPathComponent == "cifar10")
      try FileManager.default.createDirectory(at: cifar, withIntermediateDirectories: true)
      try CIFAR10FolderTests.writeFolder(cifar, perBatch: 1)
      #expect(try DataCatalog.load(.cifar10, dataDir: dataDir).train.count == 5)
      #expect(DataCatalog.folder(for: .mnist, path: nil, dataDir: dataDir) == nil)
      let elsewhere = dataDir.appendingPathComponent("elsewhere")
      #expect(DataCatalog.folder(for: .cifar10, path: elsewhere, dataDir: dataDir) == elsewhere)
      #expect(throws: DataFileError.missingFolder(path: elsewhere.path)) {
        try DataCatalog.load(.fashion, path: elsewhere, dataDir: dataDir)
      }
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
