import Foundation

/// The most memory one computation (a training, an evaluation, a prediction, a `show …`) may
/// ask for, checked against its ``MemoryNeed`` before anything is allocated, so a model too big
/// for the machine is refused with the arithmetic instead of aborting the process.
///
/// The default is half the memory this process may use: the machine's physical memory, or the
/// cgroup's `memory.max` when that is lower (containers). `--memory` sets it.
public struct MemoryBudget: Sendable, Hashable {
  public var bytes: Int

  public init(bytes: Int) { self.bytes = max(1, bytes) }

  /// Half of ``availableMemory``.
  public static var standard: MemoryBudget { MemoryBudget(bytes: max(1 << 28, availableMemory / 2)) }

  /// Physical memory, or the cgroup v2 limit when lower.
  public static var availableMemory: Int {
    let physical = Int(ProcessInfo.processInfo.physicalMemory)
    if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
      let limit = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0
    {
      return min(physical, limit)
    }
    return physical
  }

  /// Throws unless `need` fits.
  public func check(_ need: MemoryNeed) throws(MemoryBudgetError) {
    guard need.totalBytes > bytes else { return }
    throw MemoryBudgetError(need: need, budget: self)
  }

  /// Bytes as a student reads them: `512 B`, `383.0 MiB`, `24.5 GiB`.
  public static func describe(_ count: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(count)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(count) B" }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) \(units[unit])"
  }

  /// Parses `--memory` values: `12G`, `512M`, `2048K`, `1T` or plain bytes (binary units).
  public static func parse(_ text: String) -> MemoryBudget? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
    var digits = trimmed
    var scale = 1
    for (suffix, shift) in [("TIB", 40), ("GIB", 30), ("MIB", 20), ("KIB", 10), ("T", 40), ("G", 30), ("M", 20), ("K", 10), ("B", 0)]
    where trimmed.hasSuffix(suffix) {
      digits = String(trimmed.dropLast(suffix.count))
      scale = 1 << shift
      break
    }
    guard let number = Double(digits.trimmingCharacters(in: .whitespaces)), number > 0,
      number * Double(scale) < 0x1p62
    else { return nil }
    return MemoryBudget(bytes: Int(number * Double(scale)))
  }
}
