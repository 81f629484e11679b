"""Writes ONNX's backend node test cases (onnx's own conformance data, Apache-2.0, never committed) into
OUT_DIR/node/<case>/: /usr/bin/python3 scripts/onnx/gen_onnx_node.py OUT_DIR. Debian's onnx 1.12 still
uses NumPy aliases that NumPy 1.24 removed (np.float, np.int…), so they are put back first.
test/importers/onnx-conformance.test.ts runs it once into a cache under the OS temp dir."""
import sys, numpy as np
for a, b in [("float", float), ("int", int), ("bool", bool), ("object", object), ("complex", complex), ("str", str)]:
    if not hasattr(np, a): setattr(np, a, b)
from onnx.backend.test import cmd_tools
sys.argv = ["x", "generate-data", "-o", sys.argv[1]]
cmd_tools.main()
