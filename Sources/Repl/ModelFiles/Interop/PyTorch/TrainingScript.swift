/// `train.py` of `export training`: the same file for every export; what it trains comes from
/// `plan.json`, the network from `model.py`, the data from `data.safetensors`.
///
/// It follows cnnrepl's conventions: Adam with ε = 1e-7 and coupled weight decay (`g + wd·w`,
/// PyTorch's `weight_decay`), SGD and momentum in PyTorch's form (cnnrepl's form too), the
/// learning rate of step `s` = `base · schedule(s)` with `set lr=X` making it `X` at its step,
/// a new optimizer for every `train`, and the inputs computed from the bytes in float32 exactly
/// as cnnrepl gathers them. One process or `torchrun`: DistributedSampler (same permutation
/// for every world size, so 1 and N processes see the same global batches),
/// DistributedDataParallel, and batch norm over the global batch when there is more than one
/// process (SyncBatchNorm on GPUs; on CPUs, where SyncBatchNorm refuses to run, a batch norm
/// whose sums are all-reduced with autograd).
public enum TrainingScript {
  public static func source(version: String) -> String {
    """
    #!/usr/bin/env python3
    \"\"\"Trains a cnnrepl session's network in PyTorch (written by cnnrepl \(version) `export training`).

      python train.py                          one process: the first GPU, else the CPU
      torchrun --nproc_per_node=N train.py     N processes, DistributedDataParallel
                                               (nccl on GPUs, gloo on CPUs)

    Reads, beside this file: model.py (the network), initial.safetensors (the weights the
    session's training started from), data.safetensors (images and labels as cnnrepl used them)
    and plan.json (each `train` of the session: epochs, batch, optimizer, schedule, the `set`
    changes, seed). Writes into --out (default: this folder):

      trained.safetensors   the weights: `import trained.safetensors` in the same session
      metrics.jsonl         one JSON object per logged step and per epoch: `show curve metrics.jsonl`
      checkpoint.pt         after every epoch; running again resumes there (--fresh starts over)

    --global-batch is the plan's batch (images per step over all processes); each process takes
    its share. Rank 0 logs and saves.
    \"\"\"
    import argparse
    import json
    import math
    import os
    import sys
    import time
    import warnings

    import torch
    import torch.distributed as dist
    import torch.distributed.nn.functional as dist_nn
    import torch.nn.functional as F
    from torch.nn.parallel import DistributedDataParallel
    from torch.utils.data.distributed import DistributedSampler

    HERE = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, HERE)
    import model as exported  # noqa: E402  (model.py beside this file)

    DTYPES = {"U8": torch.uint8, "F32": torch.float32, "I64": torch.int64}
    # The autograd all_reduce GlobalBatchNorm needs; its announced successor is private.
    warnings.filterwarnings("ignore", message=".*distributed.nn.functional.all_reduce is deprecated")


    def read_tensors(path):
        \"\"\"Every tensor of a safetensors file (U8, F32, I64) and its metadata.\"\"\"
        with open(path, "rb") as f:
            data = f.read()
        size = int.from_bytes(data[:8], "little")
        header = json.loads(data[8 : 8 + size])
        metadata = header.pop("__metadata__", {})
        tensors = {}
        for name, entry in header.items():
            begin, end = entry["data_offsets"]
            dtype = DTYPES[entry["dtype"]]
            if end > begin:
                raw = bytearray(data[8 + size + begin : 8 + size + end])
                tensors[name] = torch.frombuffer(raw, dtype=dtype).reshape(entry["shape"])
            else:
                tensors[name] = torch.empty(entry["shape"], dtype=dtype)
        return tensors, metadata


    def schedule_factor(schedule, step, total_steps, epoch):
        \"\"\"cnnrepl's LearningRateSchedule.factor: step counts from 1, epoch from 1.\"\"\"
        if schedule["kind"] == "step":
            return schedule["factor"] ** ((epoch - 1) // schedule["every"])
        if schedule["kind"] == "cosine":
            if total_steps <= 1:
                return 1.0
            t = min(max(step - 1, 0), total_steps) / total_steps
            return 0.5 * (1 + math.cos(math.pi * t))
        return 1.0


    class GlobalBatchNorm(torch.nn.modules.batchnorm._BatchNorm):
        \"\"\"Batch norm over the global batch on CPUs (SyncBatchNorm needs GPUs): the sums are
        all-reduced with autograd, so the gradient is that of the whole batch, as on one process.\"\"\"

        def _check_input_dim(self, x):
            if x.dim() < 2:
                raise ValueError(f"expected at least 2 dimensions, got {x.dim()}")

        def forward(self, x):
            if not self.training:
                return super().forward(x)
            dims = [0] + list(range(2, x.dim()))
            shape = [1, x.shape[1]] + [1] * (x.dim() - 2)
            count = x.new_tensor([x.numel() / x.shape[1]])
            first = dist_nn.all_reduce(torch.cat([x.sum(dims), count]))
            n = first[-1]
            mean = first[:-1] / n
            centred = x - mean.view(shape)
            var = dist_nn.all_reduce((centred * centred).sum(dims)) / n
            with torch.no_grad():
                m = self.momentum
                self.running_mean.mul_(1 - m).add_(mean.detach(), alpha=m)
                self.running_var.mul_(1 - m).add_(var.detach() * n / max(n.item() - 1, 1), alpha=m)
                self.num_batches_tracked += 1
            y = centred / torch.sqrt(var.view(shape) + self.eps)
            return y * self.weight.view(shape) + self.bias.view(shape)


    def global_batch_norm(module):
        \"\"\"module with every BatchNorm1d/2d replaced by a GlobalBatchNorm holding its tensors.\"\"\"
        if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
            replaced = GlobalBatchNorm(module.num_features, module.eps, module.momentum)
            replaced.load_state_dict(module.state_dict())
            return replaced
        for name, child in module.named_children():
            module.add_module(name, global_batch_norm(child))
        return module


    def make_optimizer(phase, parameters):
        lr, wd = phase["lr"], phase["weight_decay"]
        if phase["optimizer"] == "adam":
            return torch.optim.Adam(parameters, lr=lr, betas=(0.9, 0.999), eps=1e-7, weight_decay=wd)
        momentum = phase["momentum"] if phase["optimizer"] == "momentum" else 0.0
        return torch.optim.SGD(parameters, lr=lr, momentum=momentum, weight_decay=wd)


    class Run:
        \"\"\"The process group (if any), the device, the data and the model of this run.\"\"\"

        def __init__(self, args):
            self.world = int(os.environ.get("WORLD_SIZE", "1"))
            self.rank = int(os.environ.get("RANK", "0"))
            local = int(os.environ.get("LOCAL_RANK", "0"))
            cuda = torch.cuda.is_available() and args.device != "cpu"
            self.device = torch.device(f"cuda:{local}" if cuda else "cpu")
            if cuda:
                torch.cuda.set_device(self.device)
            if self.world > 1:
                dist.init_process_group("nccl" if cuda else "gloo")
            with open(os.path.join(HERE, "plan.json")) as f:
                self.plan = json.load(f)
            data, self.metadata = read_tensors(os.path.join(HERE, "data.safetensors"))
            self.data = data
            self.scale = data["input_scale"].item()
            self.offset = data["input_offset"].item()
            torch.manual_seed(self.plan["seed"] + self.rank)  # dropout: its own masks per process
            net = exported.Model()
            exported.load_weights(net, os.path.join(HERE, "initial.safetensors"))
            if self.world > 1:
                # Statistics over the global batch, as one process computes them.
                net = torch.nn.SyncBatchNorm.convert_sync_batchnorm(net) if cuda else global_batch_norm(net)
            self.net = net.to(self.device)
            self.model = DistributedDataParallel(self.net, device_ids=[local] if cuda else None) if self.world > 1 else self.net
            self.out = args.out
            os.makedirs(self.out, exist_ok=True)

        def images(self, split, indices):
            \"\"\"Float32 inputs as cnnrepl gathers them: pixel * scale + offset.\"\"\"
            pixels = self.data[split + "_images"][indices].to(torch.float32)
            return (pixels * self.scale + self.offset).to(self.device)

        def labels(self, split, indices):
            return self.data[split + "_labels"][indices].to(torch.int64).to(self.device)

        def loss(self, phase, output, x, labels):
            if phase["loss"] == "ce":
                return exported.cross_entropy(output, labels)
            if phase["mse_target"] == "input":
                return F.mse_loss(output, x)
            target = F.one_hot(labels, output.reshape(len(labels), -1).shape[1]).to(output.dtype)
            return F.mse_loss(output.reshape(len(labels), -1), target)

        def log(self, record):
            if self.rank == 0:
                with open(os.path.join(self.out, "metrics.jsonl"), "a") as f:
                    f.write(json.dumps(record) + "\\n")

        def summed(self, *values):
            \"\"\"Values summed over every process.\"\"\"
            t = torch.tensor(values, dtype=torch.float64, device=self.device)
            if self.world > 1:
                dist.all_reduce(t)
            return t.tolist()

        def evaluate(self, phase):
            \"\"\"Test loss and accuracy (rank 0's model, batchnorm on its running statistics).\"\"\"
            count = self.data["test_labels"].shape[0]
            if phase["test"] is not None:
                count = min(count, phase["test"])
            if count == 0:
                return None, None
            self.net.eval()
            total, correct = 0.0, 0
            with torch.no_grad():
                for start in range(0, count, 256):
                    idx = torch.arange(start, min(start + 256, count))
                    x, y = self.images("test", idx), self.labels("test", idx)
                    out = self.net(x)
                    total += self.loss(phase, out, x, y).item() * len(idx)
                    if phase["loss"] == "ce" or phase["mse_target"] == "onehot":
                        correct += (out.reshape(len(idx), -1).argmax(1) == y).sum().item()
            self.net.train()
            classifier = phase["loss"] == "ce" or phase["mse_target"] == "onehot"
            return total / count, (correct / count if classifier else None)


    def train(args):
        run = Run(args)
        checkpoint_path = os.path.join(run.out, "checkpoint.pt")
        resume = None
        if not args.fresh and os.path.exists(checkpoint_path):
            resume = torch.load(checkpoint_path, map_location="cpu", weights_only=False)
            if run.rank == 0:
                print(f"resuming after phase {resume['phase'] + 1}, epoch {resume['epoch']}")
        elif run.rank == 0 and os.path.exists(os.path.join(run.out, "metrics.jsonl")):
            os.remove(os.path.join(run.out, "metrics.jsonl"))
        if resume is not None:
            run.net.load_state_dict(resume["model"])
        train_count = run.data["train_labels"].shape[0]
        for p, phase in enumerate(run.plan["phases"]):
            if resume is not None and p < resume["phase"]:
                continue
            n = train_count if phase["limit"] is None else min(train_count, phase["limit"])
            batch = phase["batch"]
            steps_per_epoch = math.ceil(n / batch)
            total_steps = steps_per_epoch * phase["epochs"]
            optimizer = make_optimizer(phase, run.model.parameters())
            base = phase["lr"]
            step, first_epoch = 0, 1
            if resume is not None and p == resume["phase"]:
                optimizer.load_state_dict(resume["optimizer"])
                step, first_epoch, base, batch = resume["step"], resume["epoch"] + 1, resume["base_lr"], resume["batch"]
                total_steps = resume["total_steps"]
            resume = None
            changes = {}
            for change in phase["changes"]:
                changes.setdefault(change["step"], []).append(change)
            max_steps = phase["max_steps"]
            sampler = DistributedSampler(range(n), num_replicas=run.world, rank=run.rank, shuffle=True, seed=phase["seed"])
            for epoch in range(first_epoch, phase["epochs"] + 1):
                for change in changes.get(step + 1, []):
                    if change["setting"] == "batch" and int(change["to"]) != batch:
                        batch = int(change["to"])
                        total_steps = step + math.ceil(n / batch) * (phase["epochs"] - epoch + 1)
                share = max(1, batch // run.world)
                if batch % run.world and run.rank == 0 and epoch == first_epoch:
                    print(f"note: batch {batch} does not divide over {run.world} processes; {share} each")
                sampler.set_epoch(epoch)
                order = list(sampler)
                started = time.time()
                loss_sum = correct = seen = 0.0
                stopped = False
                for start in range(0, len(order), share):
                    if max_steps is not None and step >= max_steps:
                        stopped = True
                        break
                    step += 1
                    for change in changes.get(step, []):
                        factor = schedule_factor(phase["schedule"], step, total_steps, epoch)
                        if change["setting"] == "lr":
                            base = change["to"] / factor if factor > 0 else change["to"]
                        elif change["setting"] == "momentum":
                            for group in optimizer.param_groups:
                                group["momentum"] = change["to"]
                    lr = base * schedule_factor(phase["schedule"], step, total_steps, epoch)
                    for group in optimizer.param_groups:
                        group["lr"] = lr
                    idx = torch.tensor(order[start : start + share])
                    x, y = run.images("train", idx), run.labels("train", idx)
                    out = run.model(x)
                    loss = run.loss(phase, out, x, y)
                    optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    optimizer.step()
                    if not math.isfinite(loss.item()):
                        raise SystemExit(f"step {step}: the loss is {loss.item()}; lower lr in plan.json")
                    loss_sum += loss.item() * len(idx)
                    seen += len(idx)
                    if phase["loss"] == "ce" or phase["mse_target"] == "onehot":
                        correct += (out.detach().reshape(len(idx), -1).argmax(1) == y).sum().item()
                    if step % args.log_every == 0:
                        run.log({"kind": "step", "phase": p + 1, "epoch": epoch, "step": step, "loss": loss.item(), "lr": lr})
                loss_total, correct_total, seen_total = run.summed(loss_sum, correct, seen)
                test_loss, test_acc = run.evaluate(phase) if run.rank == 0 else (None, None)
                record = {
                    "kind": "epoch", "phase": p + 1, "epoch": epoch, "epochs": phase["epochs"], "step": step,
                    "loss": loss_total / max(seen_total, 1), "test_loss": test_loss, "test_acc": test_acc,
                    "seconds": time.time() - started, "processes": run.world,
                }
                if phase["loss"] == "ce" or phase["mse_target"] == "onehot":
                    record["acc"] = correct_total / max(seen_total, 1)
                run.log(record)
                if run.rank == 0:
                    acc = f"  acc {100 * record['acc']:.2f}%" if "acc" in record else ""
                    test = f"  test loss {test_loss:.4f}" if test_loss is not None else ""
                    test += f"  test acc {100 * test_acc:.2f}%" if test_acc is not None else ""
                    print(f"phase {p + 1} epoch {epoch}/{phase['epochs']}  loss {record['loss']:.4f}{acc}{test}", flush=True)
                    state = {
                        "phase": p, "epoch": epoch, "step": step, "base_lr": base, "batch": batch,
                        "total_steps": total_steps, "model": run.net.state_dict(), "optimizer": optimizer.state_dict(),
                    }
                    torch.save(state, checkpoint_path + ".tmp")
                    os.replace(checkpoint_path + ".tmp", checkpoint_path)
                if stopped:
                    break
        if run.rank == 0:
            exported.save_weights(run.net, os.path.join(run.out, "trained.safetensors"))
            print(f"wrote {os.path.join(run.out, 'trained.safetensors')}: `import` it in cnnrepl")
        if run.world > 1:
            dist.barrier()
            dist.destroy_process_group()


    if __name__ == "__main__":
        parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
        parser.add_argument("--out", default=HERE, help="folder for trained.safetensors, metrics.jsonl, checkpoint.pt")
        parser.add_argument("--fresh", action="store_true", help="ignore checkpoint.pt and start over")
        parser.add_argument("--device", choices=["auto", "cpu"], default="auto", help="cpu: never a GPU")
        parser.add_argument("--log-every", type=int, default=10, help="steps between step lines in metrics.jsonl")
        train(parser.parse_args())

    """
  }
}
