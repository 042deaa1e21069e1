import Core
import Foundation

/// Oriented bars, the stimulus of Hubel and Wiesel's orientation-selective cells.
///
/// Class `k` is a bar at `k·45°` (0°, 45°, 90°, 135°, counter-clockwise from horizontal) with
/// ±4° jitter. Per image: centre within ±15 % of the side from the middle, length 45–75 % of
/// the side, thickness 1.5–3.5 px (scaled by side/28), brightness 60–100 %, Gaussian noise.
public enum BarsGenerator {
  public static let classNames = ["0°", "45°", "90°", "135°"]

  /// Generates both splits from `options.seed`.
  public static func generate(_ options: SyntheticOptions = SyntheticOptions()) throws
    -> DataSplits
  {
    try SyntheticSet.make(name: "bars", classNames: classNames, options: options) {
      label, canvas, random, pixels in
      let side = Float(canvas.size)
      let scale = side / 28
      let angle = (Float(label) * 45 + random.uniform(-4, 4)) * .pi / 180
      let cx = side / 2 + random.uniform(-0.15, 0.15) * side
      let cy = side / 2 + random.uniform(-0.15, 0.15) * side
      let half = random.uniform(0.45, 0.75) * side / 2
      let thickness = random.uniform(1.5, 3.5) * scale
      let ink = random.uniform(0.6, 1)
      let (ux, uy) = (cos(angle) * half, -sin(angle) * half)
      canvas.draw(
        into: &pixels, style: .filled, ink: ink, noise: options.noise, random: &random
      ) { x, y in
        Canvas.segmentDistance(x, y, from: (cx - ux, cy - uy), to: (cx + ux, cy + uy))
          - thickness / 2
      }
    }
  }
}
