import Foundation
import ReplTestSupport
import Testing

/// Layers are described by what they can do (``Layer`` requirements), not found by their class:
/// outside `Sources/Core/Layers` only the fusion planner may name a concrete layer class in a
/// cast or type test, so a new layer cannot be silently skipped by some `default:` branch.
@Suite struct LayerAbilityTests {
  /// `public final class Conv2D: …` declarations under Sources/Core/Layers.
  static func layerClasses(in root: URL) throws -> [String] {
    let folder = root.appendingPathComponent("Sources/Core/Layers")
    var names: [String] = []
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where file.hasSuffix(".swift") {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") where line.hasPrefix("public final class ") {
        let rest = line.dropFirst("public final class ".count)
        names.append(String(rest.prefix { $0.isLetter || $0.isNumber }))
      }
    }
    return names.sorted()
  }

  /// Every `as? X`, `as! X`, `is X` with `X` a layer class, in Swift files under Sources.
  static func casts(of classes: [String], under root: URL) throws -> [String] {
    let sources = root.appendingPathComponent("Sources")
    let pattern = try NSRegularExpression(
      pattern: "\\b(as[?!]?|is)\\s+(" + classes.joined(separator: "|") + ")\\b")
    var found: [String] = []
    let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }
    for path in files ?? [] where path.hasSuffix(".swift") && !path.hasPrefix("Core/Layers/") {
      let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
        let string = String(line)
        let range = NSRange(string.startIndex..., in: string)
        if pattern.firstMatch(in: string, range: range) != nil {
          found.append("\(path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
        }
      }
    }
    return found
  }

  @Test func onlyTheFusionPlannerNamesLayerClasses() throws {
    let root = Paths.packageRoot
    let classes = try Self.layerClasses(in: root)
    #expect(classes.contains("Conv2D") && classes.contains("MaxPool2D") && classes.count >= 15)
    let casts = try Self.casts(of: classes, under: root)
    let outside = casts.filter { !$0.hasPrefix("Core/Model/FusionPlan.swift:") }
    #expect(outside.isEmpty, "type tests on layer classes: \(outside)")
    // Conv2D, MaxPool2D, BatchNorm (conv + pool, batchnorm + relu, conv + batchnorm folding)
    // and the relu row's ActivationLayer: one line each, no more.
    #expect(casts.count <= 4, "\(casts)")
  }
}
