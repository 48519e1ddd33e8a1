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


class ConvStack(nn.Module):
    """2D, 1 -> 2 channels, for the halo probe: three 3x3 convolutions with ReLUs (receptive radius 3 on y and x)."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(1, 4, 3, padding=1)
        self.b = nn.Conv2d(4, 4, 3, padding=1)
        self.c = nn.Conv2d(4, 2, 3, padding=1)

    def forward(self, x):
        return self.c(torch.relu(self.b(torch.relu(self.a(x)))))


class DilatedAsymmetric(nn.Module):
    """2D, 1 -> 1 channel, for the halo probe: a 5x5 convolution, a 3x3 one with dilation 2 (radius 2 + 2 = 4 on x),
    and on y a causal 3x1 convolution (two rows of context above, none below): context y (6 before, 4 after), x (4, 4)."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(1, 3, 5, padding=2)
        self.b = nn.Conv2d(3, 3, 3, padding=2, dilation=2)
        self.c = nn.Conv2d(3, 1, (3, 1))

    def forward(self, x):
        y = torch.relu(self.b(torch.relu(self.a(x))))
        return self.c(nn.functional.pad(y, (0, 0, 2, 0)))


class TwoInTwoOut(nn.Module):
    """Two inputs, two outputs of different dtypes: a float sum and an int64 argmax over channels."""

    def forward(self, a, b):
        return a + 2.0 * b, torch.argmax(a * b, dim=1)


class ImageMaskNet(nn.Module):
    """Two inputs sharing y and x: conv over a 1-channel image (3x3) plus conv over a 2-channel mask (5x5), summed to 2 channels."""

    def __init__(self):
        super().__init__()
        self.image = nn.Conv2d(1, 2, 3, padding=1)
        self.mask = nn.Conv2d(2, 2, 5, padding=2)

    def forward(self, image, mask):
        return self.image(image) + self.mask(mask)


class ScaledConv(nn.Module):
    """A 3x3 convolution of an image (1 -> 2 channels) scaled per channel by a second input without spatial axes."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3, padding=1)

    def forward(self, image, scale):
        return self.conv(image) * scale[:, :, None, None]


def export(name, model, inputs, input_names, output_names, dynamic_axes, opset=OPSET):
    model.eval()
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, tuple(inputs), path, opset_version=opset, input_names=input_names,
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
    # Halo probe fixtures: seeded on their own so that adding them leaves the models above unchanged.
    torch.manual_seed(4321)
    spatial = {"input": {0: "batch", 2: "y", 3: "x"}, "output": {0: "batch", 2: "y", 3: "x"}}
    export("conv_stack", ConvStack(), [torch.randn(1, 1, 20, 24)], ["input"], ["output"], spatial)
    export("dilated_asymmetric", DilatedAsymmetric(), [torch.randn(1, 1, 20, 24)], ["input"], ["output"], spatial)
    export_image_mask()
    export_scaled_conv()


def export_scaled_conv():
    """The fixture with a per-sample input that has no spatial axes (run alone like export_image_mask)."""
    torch.manual_seed(1357)
    image = {0: "batch", 2: "y", 3: "x"}
    export("scaled_conv", ScaledConv(), [torch.randn(1, 1, 17, 20), torch.rand(1, 2) + 0.5], ["image", "scale"], ["output"],
           {"image": image, "scale": {0: "batch"}, "output": image}, opset=17)


def export_image_mask():
    """The multi-input fixture, seeded on its own (run alone: `python3 -c 'import make_models; make_models.export_image_mask()'`)."""
    torch.manual_seed(2468)
    dims = {0: "batch", 2: "y", 3: "x"}
    export("image_mask", ImageMaskNet(), [torch.randn(1, 1, 19, 22), torch.rand(1, 2, 19, 22)], ["image", "mask"], ["output"],
           {"image": dims, "mask": dims, "output": dims}, opset=17)


if __name__ == "__main__":
    main()
