import ArgumentParser

/// `--charset unicode|ascii`
enum Charset: String, ExpressibleByArgument, CaseIterable {
  case unicode, ascii
}
