/// A layer that reads another row of the stack (a `maxunpool` reads its maxpool's indices):
/// ``Sequential`` calls `link` whenever rows are inferred or rebuilt, so the layer can find
/// the row it names among `specs`, `shapes` (`shapes[0]` is the input) and `layers` (as many
/// as are built so far).
public protocol LinkedToEarlierRow: Layer {
  func link(row: Int, specs: [RowSpec], shapes: [Shape], layers: [any Layer])
}
