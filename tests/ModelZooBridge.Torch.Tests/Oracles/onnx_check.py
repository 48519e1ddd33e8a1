# Runs onnx.checker with full_check (strict shape inference) on each ONNX file given; a failure exits non-zero.
import sys

import onnx

for path in sys.argv[1:]:
    onnx.checker.check_model(onnx.load(path), full_check=True)
print("ok")
