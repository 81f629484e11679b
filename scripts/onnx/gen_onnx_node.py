import sys, numpy as np
for a, b in [("float", float), ("int", int), ("bool", bool), ("object", object), ("complex", complex), ("str", str)]:
    if not hasattr(np, a): setattr(np, a, b)
from onnx.backend.test import cmd_tools
sys.argv = ["x", "generate-data", "-o", sys.argv[1]]
cmd_tools.main()
