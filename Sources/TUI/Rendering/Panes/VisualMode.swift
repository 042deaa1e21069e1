/// What the visual pane shows; F2, F3 and F4 select one.
public enum VisualMode: String, Sendable, CaseIterable {
  case featureMaps
  case filters
  case curve

  public var title: String {
    switch self {
    case .featureMaps: return "feature maps (F2)"
    case .filters: return "filters (F3)"
    case .curve: return "curve (F4)"
    }
  }
}
