import Core
import Foundation
import ModelFiles

/// `plan.json` and `README.md` of `export training`: the session's trainings as data for
/// `train.py`, and a page for the person who copies the folder.
///
/// Each phase: `epochs`, `batch`, `optimizer` (adam, sgd, momentum), `lr` (the starting rate,
/// defaults resolved), `momentum`, `weight_decay`, `schedule` (`{"kind": "constant" | "cosine"}`
/// or `{"kind": "step", "every": N, "factor": F}`), `loss` (ce, mse), `mse_target` (input for an
/// autoencoder, else onehot), `limit` and `test` (null: all), `seed` (shuffling), `max_steps`
/// (null: every epoch; a number when the training was stopped) and `changes` (`set` while it
/// ran: `{"step": S, "setting": "lr" | "momentum" | "batch", "to": X}`, from step S on).
public enum TrainingPlanFile {
  public static func json(phases: [TrainingPhase], seed: UInt64, dataset: String, autoencoder: Bool)
    -> String
  {
    func number(_ value: Float) -> String { "\(Double(value))" }
    func optional(_ value: Int?) -> String { value.map(String.init) ?? "null" }
    let rendered = phases.map { phase -> String in
      let o = phase.options
      let schedule: String
      switch o.schedule {
      case .constant: schedule = #"{"kind": "constant"}"#
      case .cosine: schedule = #"{"kind": "cosine"}"#
      case .step(let every, let factor):
        schedule = #"{"kind": "step", "every": \#(every), "factor": \#(number(factor))}"#
      }
      let changes = phase.changes.map {
        #"{"step": \#($0.step), "setting": "\#($0.setting.rawValue)", "to": \#($0.to)}"#
      }
      let maxSteps = phase.finished ? nil : phase.completedSteps
      return """
            {
              "epochs": \(o.epochs), "batch": \(o.batchSize), "optimizer": "\(o.optimizer.rawValue)",
              "lr": \(number(o.effectiveLearningRate)), "momentum": \(number(o.momentum)), "weight_decay": \(number(o.weightDecay)),
              "schedule": \(schedule),
              "loss": "\(phase.loss.rawValue)", "mse_target": "\(autoencoder ? "input" : "onehot")",
              "limit": \(optional(o.limit)), "test": \(optional(o.testLimit)), "seed": \(o.seed), "max_steps": \(optional(maxSteps)),
              "changes": [\(changes.joined(separator: ", "))]
            }
        """
    }
    return """
      {
        "written_by": "cnnrepl \(CnnreplVersion.string)",
        "dataset": \(SafeTensors.jsonString(dataset)),
        "seed": \(seed),
        "phases": [
      \(rendered.joined(separator: ",\n"))
        ]
      }

      """
  }

  public static func readme(phases: [TrainingPhase], data: DataSplits) -> String {
    let list = phases.enumerated().map { index, phase in
      let o = phase.options
      var words = [
        "\(index + 1). \(o.epochs) epoch\(o.epochs == 1 ? "" : "s"), batch \(o.batchSize),",
        "\(o.optimizer.rawValue) lr \(formatNumber(o.effectiveLearningRate)),",
        "loss \(phase.loss.rawValue)",
      ]
      if o.schedule != .constant { words.append(", schedule \(o.schedule)") }
      if let limit = o.limit { words.append(", first \(grouped(limit)) images") }
      if !phase.changes.isEmpty {
        words.append("; then " + phase.changes.map(\.description).joined(separator: ", "))
      }
      if !phase.finished, let steps = phase.completedSteps { words.append("; stopped after step \(steps)") }
      return words.joined(separator: " ").replacingOccurrences(of: " ,", with: ",")
        .replacingOccurrences(of: " ;", with: ";")
    }
    return """
      # A cnnrepl training, ready to run in PyTorch

      Written by cnnrepl \(CnnreplVersion.string) `export training`. The network (`model.py`),
      the weights the training starts from (`initial.safetensors`), the data as cnnrepl used it
      (`data.safetensors`: \(data.name), \(grouped(data.train.count)) training and \
      \(grouped(data.test.count)) test images, uint8, with the normalisation) and the plan
      (`plan.json`):

      \(list.joined(separator: "\n"))

      ## Run

      Needs Python 3 and PyTorch (`pip install torch numpy`).

          python train.py                               # one process: a GPU if there is one, else the CPU
          torchrun --nproc_per_node=4 train.py          # 4 processes on this machine (GPUs: one each)
          torchrun --nnodes=2 --nproc_per_node=8 --rdzv-endpoint=HOST:29500 train.py   # two machines

      The batch in `plan.json` is the global batch: each of N processes takes 1/N of it, and
      every process count sees the same images per step (DistributedSampler, the same seed).
      With more than one process, batch norm takes its statistics over the global batch
      (SyncBatchNorm on GPUs, all-reduced sums on CPUs), as one process would. After each epoch
      `checkpoint.pt` is written; running the same command again resumes there (`--fresh`
      starts over). `--out DIR` writes the results elsewhere.

      ## Bring it back

      `trained.safetensors` holds the weights and `metrics.jsonl` one line per logged step and
      per epoch. In the cnnrepl session that wrote this folder (same network):

          import trained.safetensors
          show curve metrics.jsonl
          eval

      """
  }
}
