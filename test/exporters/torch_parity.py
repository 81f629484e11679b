"""Replays NetLoom's reference runs through exported PyTorch modules; prints the results as JSON.

Usage: python3 torch_parity.py manifest.json
The manifest lists cases; each names, per optimizer, an exported module, the initial weights file, the
batches (a safetensors file with x and y, all steps concatenated) and each step's row count.
"""
import importlib.util
import json
import sys

import torch


def import_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def replay(module, run):
    tensors = module.read_safetensors(run["batches"])
    x_all, y_all = torch.from_numpy(tensors["x"]), torch.from_numpy(tensors["y"])
    batches, start = [], 0
    for n in run["batch_sizes"]:
        batches.append((x_all[start:start + n], y_all[start:start + n]))
        start += n
    model = module.build_model()
    module.load_netloom_weights(model, run["weights"])
    model.eval()
    with torch.no_grad():
        forward = model(batches[0][0]).reshape(-1).tolist()
    optimizer = module.make_optimizer(model)
    # Runs with a learning-rate schedule name the run's length; the script's scheduler steps after each update.
    scheduler = module.make_scheduler(optimizer, run["steps_per_epoch"], run["epochs"]) if "steps_per_epoch" in run else None
    losses, lrs = [], []
    for x, y in batches:
        lrs.append(optimizer.param_groups[0]["lr"])
        losses.append(module.train_step(model, optimizer, x, y))
        if scheduler is not None:
            scheduler.step()
    model.eval()
    with torch.no_grad():
        final = module.compute_loss(model, batches[0][0], module.prepare_targets(batches[0][1])).item()
    return {"forward": forward, "losses": losses, "final": final, "lrs": lrs}


def main():
    torch.set_num_threads(1)
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    results = {}
    for i, run in enumerate(manifest["runs"]):
        module = import_module(run["module"], f"exported_{i}")
        try:
            results[run["key"]] = replay(module, run)
        except Exception as e:  # report and keep going, so one failure does not hide the others
            results[run["key"]] = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
