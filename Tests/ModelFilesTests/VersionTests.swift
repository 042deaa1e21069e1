import ModelFiles
import Testing

@Test func versionIsSemantic() {
  #expect(CnnreplVersion.string.split(separator: ".").count == 3)
}
