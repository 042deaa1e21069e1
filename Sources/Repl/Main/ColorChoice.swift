import ArgumentParser

/// `--color auto|always|never`
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}
