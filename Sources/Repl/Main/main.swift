import Repl

print("cnnrepl \(CnnreplVersion.string)")
