/// The `show kernel sobel-x|sobel-y|blur|sharpen|edge [sample=N]` command.
public struct ShowKernelCommand: ReplCommand {
  public static let kernels = ["sobel-x", "sobel-y", "blur", "sharpen", "edge"]

  public static let spec = CommandSpec(
    name: "show kernel", category: .inspect,
    abstract: "a classical image kernel applied to a training image",
    arguments: [
      ArgumentSpec("NAME", "kernel", .choice(kernels), help: kernels.joined(separator: ", "))
    ],
    options: [
      OptionSpec("sample", "N", .integer(Limits.sample), default: "0", help: "training image")
    ],
    runsInCheck: false,
    examples: ["show kernel sobel-x", "show kernel blur sample=3"],
    make: { (a) throws(CommandError) in
      ShowKernelCommand(kernel: a.word("NAME") ?? "blur", sample: a.integer("sample") ?? 0)
    })

  public var kernel: String
  public var sample: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "show kernel")
  }
}
