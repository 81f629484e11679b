"""Exports torchvision classifiers (random weights, eval mode), the ONNX model zoo's mnist-8 pattern and a
scale/shift-after-layer pattern for the importer's whole-model tests. Files are large: they go to a cache folder, never into the repository.

    /usr/bin/python3 scripts/onnx/make_torchvision.py OUT_DIR [--opsets 13] [--models resnet18,mobilenet_v2]

Writes OUT_DIR/<model>_op<opset>.onnx with .x.npy (the input) and .y.npy (PyTorch's output), and
OUT_DIR/manifest.json listing them. weights=None: nothing is downloaded (torchvision 0.14).
"""
import argparse
import json
import os

import numpy as np
import onnx
import torch
import torchvision
from onnx import TensorProto, helper, numpy_helper

# The smallest input each model takes without an adaptive pool that ONNX cannot express.
MODELS = {
    "resnet18": 64,
    "mobilenet_v2": 64,
    "mobilenet_v3_small": 64,
    "shufflenet_v2_x0_5": 64,
    "densenet121": 64,
    "efficientnet_b0": 64,
    "mnasnet0_5": 64,
    "vgg11_bn": 224,
}


def export_torchvision(out, name, size, opset, manifest):
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)(weights=None).eval()
    with torch.no_grad():
        # Random-initialised BatchNorm has mean 0 / var 1: give it statistics that must be imported.
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
        x = torch.randn(1, 3, size, size)
        y32 = model(x).numpy()
    base = f"{name}_op{opset}"
    torch.onnx.export(model, x, os.path.join(out, f"{base}.onnx"), opset_version=opset, input_names=["x"], output_names=["y"])
    # The reference is PyTorch in float64: through 20–100 layers float32 rounding alone moves PyTorch's own
    # float32 answer ~1e-4 (relative) from it, so comparing two float32 results would measure rounding.
    with torch.no_grad():
        y = model.double()(x.double()).numpy()
    np.save(os.path.join(out, f"{base}.x.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(out, f"{base}.y.npy"), y.astype(np.float32))
    torch_error = float((np.abs(y32 - y) / (np.abs(y) + 0.01)).max())
    manifest.append({"name": base, "model": f"{base}.onnx", "x": f"{base}.x.npy", "y": f"{base}.y.npy", "torch_float32_error": torch_error})


def mnist8_pattern(out, manifest):
    """The zoo's mnist-8 layout: Conv auto_pad SAME_UPPER without bias, Add of a [C, 1, 1] bias initializer,
    Relu, MaxPool, a Reshape by an initializer shape, MatMul + Add. Built with onnx.helper, checked with NumPy."""
    rng = np.random.default_rng(8)
    f32 = lambda a: np.asarray(a, dtype=np.float32)
    W1, b1 = f32(rng.standard_normal((8, 1, 5, 5)) * 0.3), f32(rng.standard_normal((8, 1, 1)) * 0.1)
    W2, b2 = f32(rng.standard_normal((16, 8, 5, 5)) * 0.1), f32(rng.standard_normal((16, 1, 1)) * 0.1)
    Wd, bd = f32(rng.standard_normal((16 * 4 * 4, 10)) * 0.05), f32(rng.standard_normal((1, 10)) * 0.1)
    shape = np.array([1, 256], dtype=np.int64)
    nodes = [
        helper.make_node("Conv", ["x", "W1"], ["c1"], "Convolution28", kernel_shape=[5, 5], strides=[1, 1], auto_pad="SAME_UPPER"),
        helper.make_node("Add", ["c1", "b1"], ["a1"], "Plus30"),
        helper.make_node("Relu", ["a1"], ["r1"], "ReLU32"),
        helper.make_node("MaxPool", ["r1"], ["p1"], "Pooling66", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "W2"], ["c2"], "Convolution110", kernel_shape=[5, 5], strides=[1, 1], auto_pad="SAME_UPPER"),
        helper.make_node("Add", ["c2", "b2"], ["a2"], "Plus112"),
        helper.make_node("Relu", ["a2"], ["r2"], "ReLU114"),
        helper.make_node("MaxPool", ["r2"], ["p2"], "Pooling160", kernel_shape=[3, 3], strides=[3, 3]),
        helper.make_node("Reshape", ["p2", "shape"], ["flat"], "Times212_reshape0"),
        helper.make_node("MatMul", ["flat", "Wd"], ["mm"], "Times212"),
        helper.make_node("Add", ["mm", "bd"], ["y"], "Plus214"),
    ]
    inits = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "Wd": Wd, "bd": bd, "shape": shape}
    # IR version 3, as the zoo file: every initializer is listed as a graph input too.
    weight_inputs = [helper.make_tensor_value_info(k, helper.np_dtype_to_tensor_dtype(v.dtype) if hasattr(helper, "np_dtype_to_tensor_dtype")
                                                   else onnx.mapping.NP_TYPE_TO_TENSOR_TYPE[v.dtype], list(v.shape)) for k, v in inits.items()]
    graph = helper.make_graph(nodes, "mnist8_pattern", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 28, 28]), *weight_inputs],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])],
                              [numpy_helper.from_array(v, k) for k, v in inits.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 8)], producer_name="make_torchvision.py")
    model.ir_version = 3
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, "mnist8_pattern.onnx"))
    # The same computation in PyTorch (SAME_UPPER with an odd kernel at stride 1 pads 2 on every side).
    t = lambda a: torch.from_numpy(np.ascontiguousarray(a))
    x = f32(rng.standard_normal((1, 1, 28, 28)))
    with torch.no_grad():
        h = torch.relu(torch.nn.functional.conv2d(t(x), t(W1), padding=2) + t(b1))
        h = torch.nn.functional.max_pool2d(h, 2, 2)
        h = torch.relu(torch.nn.functional.conv2d(h, t(W2), padding=2) + t(b2))
        h = torch.nn.functional.max_pool2d(h, 3, 3)
        y = h.reshape(1, 256) @ t(Wd) + t(bd)
    np.save(os.path.join(out, "mnist8_pattern.x.npy"), x)
    np.save(os.path.join(out, "mnist8_pattern.y.npy"), y.numpy().astype(np.float32))
    manifest.append({"name": "mnist8_pattern", "model": "mnist8_pattern.onnx", "x": "mnist8_pattern.x.npy", "y": "mnist8_pattern.y.npy"})


def folded_scale_pattern(out, manifest):
    """Constants multiplied and added after layers, as some converters write a BatchNorm or a scale:
    Conv → Mul [C,1,1] → Add [C,1,1] → Relu → BatchNormalization → Mul scalar → Add [C,1,1] → Flatten →
    MatMul → Mul [n] → Sub [n] → Div [n]. Built with onnx.helper (opset 13), checked with PyTorch in float64."""
    rng = np.random.default_rng(13)
    f32 = lambda a: np.asarray(a, dtype=np.float32)
    W = f32(rng.standard_normal((4, 2, 3, 3)) * 0.4)
    s1, t1 = f32(rng.uniform(0.5, 1.5, (4, 1, 1))), f32(rng.standard_normal((4, 1, 1)) * 0.2)
    gamma, beta = f32(rng.uniform(0.5, 1.5, 4)), f32(rng.standard_normal(4) * 0.2)
    mean, var = f32(rng.standard_normal(4) * 0.3), f32(rng.uniform(0.5, 1.5, 4))
    s2, t2 = f32([1.7]), f32(rng.standard_normal((1, 4, 1, 1)) * 0.2)
    Wd = f32(rng.standard_normal((4 * 6 * 6, 3)) * 0.1)
    s3, t3 = f32(rng.uniform(0.5, 1.5, 3)), f32(rng.standard_normal(3) * 0.2)
    inits = {"W": W, "s1": s1, "t1": t1, "gamma": gamma, "beta": beta, "mean": mean, "var": var, "s2": s2, "t2": t2, "Wd": Wd, "s3": s3, "t3": t3}
    nodes = [
        helper.make_node("Conv", ["x", "W"], ["c"], "conv", kernel_shape=[3, 3]),
        helper.make_node("Mul", ["c", "s1"], ["cs"], "conv_scale"),
        helper.make_node("Add", ["cs", "t1"], ["ct"], "conv_shift"),
        helper.make_node("Relu", ["ct"], ["r"], "relu"),
        helper.make_node("BatchNormalization", ["r", "gamma", "beta", "mean", "var"], ["bn"], "bn", epsilon=1e-5),
        helper.make_node("Mul", ["s2", "bn"], ["bs"], "bn_scale"),
        helper.make_node("Add", ["bs", "t2"], ["bt"], "bn_shift"),
        helper.make_node("Flatten", ["bt"], ["flat"], "flatten"),
        helper.make_node("MatMul", ["flat", "Wd"], ["mm"], "fc"),
        helper.make_node("Mul", ["mm", "s3"], ["ms"], "fc_scale"),
        helper.make_node("Sub", ["ms", "t3"], ["msub"], "fc_shift"),
        helper.make_node("Div", ["msub", "s3"], ["y"], "fc_divide"),
    ]
    graph = helper.make_graph(nodes, "folded_scale_pattern", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2, 8, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])],
                              [numpy_helper.from_array(v, k) for k, v in inits.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_torchvision.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, "folded_scale_pattern.onnx"))
    t = lambda a: torch.from_numpy(np.ascontiguousarray(a)).double()
    x = f32(rng.standard_normal((3, 2, 8, 8)))
    with torch.no_grad():
        h = torch.relu(torch.nn.functional.conv2d(t(x), t(W)) * t(s1) + t(t1))
        h = (h - t(mean).view(1, 4, 1, 1)) / torch.sqrt(t(var).view(1, 4, 1, 1) + 1e-5) * t(gamma).view(1, 4, 1, 1) + t(beta).view(1, 4, 1, 1)
        h = t(s2) * h + t(t2)
        y = ((h.reshape(3, -1) @ t(Wd)) * t(s3) - t(t3)) / t(s3)
    np.save(os.path.join(out, "folded_scale_pattern.x.npy"), x)
    np.save(os.path.join(out, "folded_scale_pattern.y.npy"), y.numpy().astype(np.float32))
    manifest.append({"name": "folded_scale_pattern", "model": "folded_scale_pattern.onnx", "x": "folded_scale_pattern.x.npy", "y": "folded_scale_pattern.y.npy"})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--opsets", default="13")
    p.add_argument("--models", default=",".join(MODELS))
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    manifest = []
    mnist8_pattern(a.out, manifest)
    folded_scale_pattern(a.out, manifest)
    for opset in [int(o) for o in a.opsets.split(",")]:
        for name in [m for m in a.models.split(",") if m]:
            export_torchvision(a.out, name, MODELS[name], opset, manifest)
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
