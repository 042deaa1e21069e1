import ArgumentParser

/// The values of `--color`: auto|always|never.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}
