#!/usr/bin/python3
"""Exports the tiny ONNX models the ORT binding tests run, and torch's reference outputs.

Run with Debian's python3-torch (1.13): `/usr/bin/python3 make_models.py` writes into ./torch/. The tests compare ONNX Runtime
(through ModelZooBridge's binding) with the .npy outputs written here; they never need torch. Do not regenerate the
files to make a failing test pass.
"""
import os

import numpy as np
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch")
OPSET = 13


class Conv2dNet(nn.Module):
    """2D: conv 2->4 (3x3, pad 1), ReLU, conv 4->3 (3x3, pad 1); any batch, y and x."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(2, 4, 3, padding=1)
        self.b = nn.Conv2d(4, 3, 3, padding=1)

    def forward(self, x):
        return self.b(torch.relu(self.a(x)))


class Conv3dNet(nn.Module):
    """3D: conv 1->2 (3x3x3, pad 1), sigmoid; any z, y and x."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv3d(1, 2, 3, padding=1)

    def forward(self, x):
        return torch.sigmoid(self.a(x))


class TwoInTwoOut(nn.Module):
    """Two inputs, two outputs of different dtypes: a float sum and an int64 argmax over channels."""

    def forward(self, a, b):
        return a + 2.0 * b, torch.argmax(a * b, dim=1)


def export(name, model, inputs, input_names, output_names, dynamic_axes):
    model.eval()
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, tuple(inputs), path, opset_version=OPSET, input_names=input_names,
                      output_names=output_names, dynamic_axes=dynamic_axes)
    with torch.no_grad():
        outputs = model(*inputs)
    if isinstance(outputs, torch.Tensor):
        outputs = (outputs,)
    for n, t in zip(input_names, inputs):
        np.save(os.path.join(OUT, f"{name}.{n}.npy"), t.numpy())
    for n, t in zip(output_names, outputs):
        np.save(os.path.join(OUT, f"{name}.{n}.npy"), t.numpy())


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(1234)
    export("conv2d", Conv2dNet(), [torch.randn(1, 2, 17, 23)], ["input"], ["output"],
           {"input": {0: "batch", 2: "y", 3: "x"}, "output": {0: "batch", 2: "y", 3: "x"}})
    export("conv3d", Conv3dNet(), [torch.randn(1, 1, 5, 8, 9)], ["input"], ["output"],
           {"input": {2: "z", 3: "y", 4: "x"}, "output": {2: "z", 3: "y", 4: "x"}})
    export("two_in_two_out", TwoInTwoOut(), [torch.randn(2, 3, 4, 5), torch.randn(2, 3, 4, 5)],
           ["a", "b"], ["sum", "argmax"], None)


if __name__ == "__main__":
    main()
