"""Compile generated Keras scripts and describe their build_model() as JSON (no TensorFlow needed).

Usage: python3 keras_structure.py a.py b.py ...
For each file: py_compile it, then for every `var = Layer(..., name="id")(inputs)` in build_model()
report the layer class, its literal arguments, its input variables, plus the model output and the
NETLOOM_WEIGHTS table.
"""
import ast
import json
import py_compile
import sys


def literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)


def describe(path):
    py_compile.compile(path, doraise=True)
    tree = ast.parse(open(path).read())
    build = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == "build_model")
    layers, output, variables = [], None, {}
    for stmt in build.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            ctor = call.func if isinstance(call.func, ast.Call) else call
            kwargs = {k.arg: literal(k.value) for k in ctor.keywords}
            entry = {
                "var": stmt.targets[0].id,
                "class": ast.unparse(ctor.func),
                "args": [literal(a) for a in ctor.args],
                "kwargs": kwargs,
                "inputs": [ast.unparse(a) for a in call.args] if ctor is not call else [],
            }
            variables[entry["var"]] = kwargs.get("name")
            layers.append(entry)
        elif isinstance(stmt, ast.Return):
            output = {k.arg: ast.unparse(k.value) for k in stmt.value.keywords}
    table = next(s for s in tree.body if isinstance(s, ast.Assign) and s.targets[0].id == "NETLOOM_WEIGHTS")
    return {"layers": layers, "output": output, "variables": variables, "weights": ast.literal_eval(table.value)}


print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
