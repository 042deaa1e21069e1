/// PyTorch's `*.num_batches_tracked` entries (int64 counters every `BatchNorm` keeps in its
/// `state_dict`), which `import` skips, so `safetensors.torch.save_file(model.state_dict(),
/// FILE)` can be imported as it is.
///
/// Skipped entries are still placed in the data section (``SafeTensorsHeader`` checks that
/// their bytes lie inside it and leave no gap), but neither their dtype nor their bytes are read.
package enum BatchCounterFilter {
  package static let suffix = ".num_batches_tracked"

  package static func skips(_ name: String) -> Bool { name.hasSuffix(suffix) }
}
