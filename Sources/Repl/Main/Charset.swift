import ArgumentParser

/// The values of `--charset`: unicode|ascii.
enum Charset: String, ExpressibleByArgument, CaseIterable {
  case unicode, ascii
}
