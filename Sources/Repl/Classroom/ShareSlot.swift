import Rendering

/// A "latest wins" part of the shared screen: a watcher that falls behind gets only the newest
/// value of each slot (the intermediate ones are dropped), while the notebook log is kept whole.
enum ShareSlot: Hashable {
  case model
  case status
  case picture(VisualMode)
}
