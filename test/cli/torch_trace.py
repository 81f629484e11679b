"""One example forward and backward through exported PyTorch models; prints per-node outputs and gradients.

Usage: python3 torch_trace.py manifest.json
Each case names an exported module, a NetLoom weights file, the example's input row and raw target.
Node outputs are caught with forward hooks on the model's children (named after the graph's nodes).
"""
import importlib.util
import json
import sys

import torch
import torch.nn.functional as F


def import_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def hooked_pass(model, run):
    """Register hooks, run `run()` to get the loss, backprop; returns {name: (output, grad)} and the loss."""
    seen = {}

    def hook(name):
        def record(_module, _inputs, output):
            output.retain_grad()
            seen[name] = output
        return record

    handles = [m.register_forward_hook(hook(n)) for n, m in model.named_children()]
    loss = run()
    loss.backward()
    for h in handles:
        h.remove()
    out = {}
    for name, t in seen.items():
        grad = t.grad.reshape(-1).tolist() if t.grad is not None else None
        out[name] = {"output": t.detach().reshape(-1).tolist(), "grad": grad}
    return out, loss.item()


def trace(module, case):
    model = module.build_model()
    module.load_netloom_weights(model, case["weights"])
    model.eval()
    x = torch.tensor([case["input"]], dtype=torch.float32).reshape([1] + case["input_shape"])
    y = module.prepare_targets(torch.tensor([case["target"]], dtype=torch.float32).reshape([1] + case["target_shape"]))
    model.zero_grad()
    nodes, loss = hooked_pass(model, lambda: module.compute_loss(model, x, y))
    params = {}
    named = dict(model.named_parameters())
    for netloom_name, (torch_name, transposed) in module.NETLOOM_WEIGHTS.items():
        p = named[torch_name]
        value, grad = p.detach(), p.grad
        if transposed:
            value, grad = value.T, grad.T
        params[netloom_name] = {"value": value.reshape(-1).tolist(), "grad": grad.reshape(-1).tolist()}
    # A softmax fused into cross-entropy is skipped by compute_loss: run the probabilities path for it,
    # with the same loss written on probabilities (-log p of the true class).
    if case.get("fused_softmax") and case["fused_softmax"] not in nodes:
        model.zero_grad()
        extra, _ = hooked_pass(model, lambda: F.nll_loss(torch.log(model(x)), y))
        nodes[case["fused_softmax"]] = extra[case["fused_softmax"]]
    return {"loss": loss, "nodes": nodes, "params": params}


def main():
    torch.set_num_threads(1)
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    results = {}
    for i, case in enumerate(manifest["cases"]):
        try:
            results[case["key"]] = trace(import_module(case["module"], f"exported_{i}"), case)
        except Exception as e:  # report and keep going, so one failure does not hide the others
            results[case["key"]] = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
