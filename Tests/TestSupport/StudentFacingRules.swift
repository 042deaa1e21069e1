import Core

/// The rules every ``Core/StudentFacingError`` keeps, as the REPL builds its refusals from the
/// two parts (`error: CMD: PROBLEM; HINT`): a problem with no `; ` in it (so the one-line form
/// still splits where it always did), a hint, and `description` exactly `problem; hint`.
///
/// Returns the rules `error` breaks (empty when it keeps them all), for
/// `#expect(studentFacingFlaws(error) == [])`.
public func studentFacingFlaws(_ error: some StudentFacingError) -> [String] {
  var flaws: [String] = []
  if error.problem.isEmpty { flaws.append("empty problem") }
  if error.problem.contains("; ") { flaws.append("`; ` in the problem: \(error.problem)") }
  if error.hint.isEmpty { flaws.append("empty hint") }
  if error.description != error.problem + "; " + error.hint {
    flaws.append("description is not `problem; hint`: \(error.description)")
  }
  return flaws
}
