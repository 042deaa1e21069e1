/// Every command of the session language, in `help` order: the one table the parser, `help`,
/// Tab completion and "did you mean" read.
public enum CommandRegistry {
  public static let all: [CommandSpec] =
    [
      InputCommand.spec, ConvCommand.spec, DepthwiseConvCommand.spec, SeparableConvCommand.spec,
      DeconvCommand.spec, MaxPoolCommand.spec, AvgPoolCommand.spec, GlobalAvgPoolCommand.spec,
      GlobalMaxPoolCommand.spec, UpsampleCommand.spec, MaxUnpoolCommand.spec, FlattenCommand.spec,
      AddCommand.spec, ConcatCommand.spec,
      DenseCommand.spec, DropoutCommand.spec, BatchNormCommand.spec,
    ]
    + ActivationCommand.specs
    + [
      SummaryCommand.spec,
      UndoCommand.spec, DeleteCommand.spec, InsertCommand.spec, ReplaceCommand.spec,
      ResetCommand.spec, PresetCommand.spec,
      DataCommand.spec, DataFolderCommand.spec, DataCSVCommand.spec, DataInfoCommand.spec,
      DownloadCommand.spec, ShowSampleCommand.spec,
      TrainCommand.spec, SetCommand.spec, StopCommand.spec, PauseCommand.spec,
      ResumeCommand.spec,
      WaitCommand.spec, StatusCommand.spec, EvalCommand.spec, PredictCommand.spec,
      SeedCommand.spec, ThreadsCommand.spec, PaneCommand.spec,
      ShowCurveCommand.spec, ShowFmapCommand.spec, ShowFiltersCommand.spec,
      ShowKernelCommand.spec, ShowConfusionCommand.spec, ShowPredictionsCommand.spec,
      ShowReconstructionCommand.spec, ShowOcclusionCommand.spec,
      ShowSaliencyCommand.spec, ShowDreamCommand.spec, ShowReceptiveFieldCommand.spec,
      ShowGradCAMCommand.spec, ShowConvCommand.spec, ShowMatrixCommand.spec,
      ShowIm2colCommand.spec, ShowGradCommand.spec, ShowStatsCommand.spec,
      ShowAdversarialCommand.spec, ShowShiftCommand.spec,
      GradcheckCommand.spec, ExplainCommand.spec,
      SaveCommand.spec, RunCommand.spec, SaveModelCommand.spec, LoadModelCommand.spec,
      ExportTranscriptCommand.spec, ExportONNXCommand.spec, ExportPyTorchCommand.spec,
      ExportTrainingCommand.spec, ExportPNGCommand.spec, ExportHTMLCommand.spec,
      ImportCommand.spec,
      HistoryCommand.spec, HelpCommand.spec, RecoverCommand.spec, QuitCommand.spec,
    ]

  /// Every command name (one or two words), in table order.
  public static let names: [String] = all.map(\.name)

  private static let byName: [String: CommandSpec] = Dictionary(
    all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

  /// The spec called `name` (lower case, words separated by one space).
  public static func spec(named name: String) -> CommandSpec? { byName[name] }
}
