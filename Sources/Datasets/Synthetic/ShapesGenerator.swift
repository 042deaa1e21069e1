import Core

/// Simple shapes: circle, square, triangle, cross (classes 0–3), filled or outlined at random.
///
/// Per image: "radius" `R` 22–38 % of the side, centre anywhere the shape fits with one pixel
/// to spare, filled or outlined (thickness 1.2–2.2 px, scaled by side/28) with equal odds,
/// brightness 60–100 %, Gaussian noise. The square has half side 0.85·R, the upright
/// equilateral triangle half side 0.95·R, the cross arms of half length R and half width 0.3·R.
public enum ShapesGenerator {
  public static let classNames = ["circle", "square", "triangle", "cross"]

  /// Generates both splits from `options.seed`.
  public static func generate(_ options: SyntheticOptions = SyntheticOptions()) throws
    -> DataSplits
  {
    try SyntheticSet.make(name: "shapes", classNames: classNames, options: options) {
      label, canvas, random, pixels in
      let side = Float(canvas.size)
      let r = random.uniform(0.22, 0.38) * side
      let margin = 1.15 * r + 1
      let cx = random.uniform(margin, side - margin)
      let cy = random.uniform(margin, side - margin)
      let filled = random.next() & 1 == 0
      let thickness = random.uniform(1.2, 2.2) * side / 28
      let ink = random.uniform(0.6, 1)
      let style: Canvas.Style = filled ? .filled : .outlined(thickness: thickness)
      canvas.draw(
        into: &pixels, style: style, ink: ink, noise: options.noise, random: &random
      ) { x, y in
        let (px, py) = (x - cx, y - cy)
        switch label {
        case 0: return (px * px + py * py).squareRoot() - r
        case 1: return Canvas.boxDistance(px, py, hx: 0.85 * r, hy: 0.85 * r)
        case 2: return Canvas.triangleDistance(px, -py, r: 0.95 * r)
        default:
          return min(
            Canvas.boxDistance(px, py, hx: r, hy: 0.3 * r),
            Canvas.boxDistance(px, py, hx: 0.3 * r, hy: r))
        }
      }
    }
  }
}
