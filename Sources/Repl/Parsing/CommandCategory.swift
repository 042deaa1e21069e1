/// The groups `help` lists commands in, which also decide what `cnnrepl check` runs.
public enum CommandCategory: String, Sendable, CaseIterable {
  case model = "Model building"
  case edit = "Editing the stack"
  case data = "Data"
  case training = "Training and inference"
  case inspect = "Looking inside"
  case files = "Sessions and files"
  case session = "Session"
}
