import Datasets
import Testing

@Test func errorNamesTheFile() {
  #expect(DataFileError.missing(file: "a.gz").description == "a.gz: no such file")
}
