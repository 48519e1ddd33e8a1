"""Writes tiny_symbolic.onnx with Debian's python3-onnx (onnx.helper), for ModelZooBridge's ONNX reader tests.

Run: /usr/bin/python3 make_tiny_symbolic.py  (writes next to this script; output is deterministic)
Three inputs (float32 with symbolic and unknown dims, a float16 input, an int64 input),
one initializer, two outputs, default opset 17 plus a custom domain, metadata.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, "height", None])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT16, [1, 3, 4, 4])
k = helper.make_tensor_value_info("k", TensorProto.INT64, [2])
out = helper.make_tensor_value_info("sum", TensorProto.FLOAT, ["batch", 3, "height", None])
cast = helper.make_tensor_value_info("k_as_float", TensorProto.FLOAT, ["n"])
w = numpy_helper.from_array(np.arange(3, dtype=np.float32).reshape(1, 3, 1, 1), name="w")

nodes = [
    helper.make_node("Cast", ["y"], ["y32"], to=TensorProto.FLOAT),
    helper.make_node("Add", ["x", "w"], ["xw"]),
    helper.make_node("Add", ["xw", "y32"], ["sum"]),
    helper.make_node("Cast", ["k"], ["k_as_float"], to=TensorProto.FLOAT),
]
graph = helper.make_graph(nodes, "tiny_symbolic", [x, y, k], [out, cast], initializer=[w])
model = helper.make_model(
    graph,
    producer_name="modelzoobridge-fixture",
    producer_version="1.0",
    opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.example", 1)],
)
model.ir_version = 8
helper.set_model_props(model, {"purpose": "reader test"})
onnx.checker.check_model(model)
onnx.save(model, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny_symbolic.onnx"))
