/// Which characters the renderers may use: Unicode (braille, blocks, box drawing) or 7-bit ASCII.
///
/// `--charset ascii` selects `.ascii` for terminals and fonts without Unicode.
public enum Charset: String, Sendable, CaseIterable {
  case unicode
  case ascii
}
