/// `2051` → `0x00000803`.
func hex(_ value: UInt32, digits: Int = 8) -> String {
  let text = String(value, radix: 16, uppercase: true)
  return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}

/// `0.13066` → `0.1307` (fixed places, no locale).
func decimal(_ value: Float, places: Int = 4) -> String {
  var scale = 1
  for _ in 0..<places { scale *= 10 }
  let scaled = Int((Double(value) * Double(scale)).rounded())
  let sign = scaled < 0 ? "-" : ""
  let whole = abs(scaled) / scale
  let fraction = String(abs(scaled) % scale)
  return places == 0
    ? "\(sign)\(whole)"
    : "\(sign)\(whole)." + String(repeating: "0", count: places - fraction.count) + fraction
}
