"""PyTorch twin of ModelZooBridge.Torch.Nn.UNet, written independently from torch.nn, with the same state-dict keys.

usage: unet_reference.py FOLDER...
Each FOLDER holds config.json (kind, depth, filters, padding, normalization, classes, input_channels), state.txt (one line per
tensor: name followed by its shape), NAME.bin (float32, C order) for each, and input.txt/input.bin. The script loads the
state strictly (only BatchNorm's num_batches_tracked may be missing), runs a training-mode forward (updating running
statistics) and then an evaluation-mode forward, and writes train.bin, eval.bin and after.NAME.bin for every buffer,
and prints its parameter count (one line per folder). One process serves every folder: starting torch costs seconds.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(1)


def run(folder):
    config = json.load(open(os.path.join(folder, "config.json")))
    kind, depth, filters = config["kind"], config["depth"], config["filters"]
    rank = 2 if kind == "TwoD" else 3
    Conv = nn.Conv2d if rank == 2 else nn.Conv3d
    ConvTranspose = nn.ConvTranspose2d if rank == 2 else nn.ConvTranspose3d
    BatchNorm = nn.BatchNorm2d if rank == 2 else nn.BatchNorm3d
    InstanceNorm = nn.InstanceNorm2d if rank == 2 else nn.InstanceNorm3d
    MaxPool = nn.MaxPool2d if rank == 2 else nn.MaxPool3d


    def kernel(level):
        if kind == "TwoD":
            return (3, 3)
        return (1, 3, 3) if kind == "Anisotropic3D" and level == 0 else (3, 3, 3)


    def pool_factor(level):
        if kind == "TwoD":
            return (2, 2)
        return (1, 2, 2) if kind == "Anisotropic3D" and level == 0 else (2, 2, 2)


    class Block(nn.Module):
        def __init__(self, cin, cout, k):
            super().__init__()
            pad = tuple(x // 2 for x in k) if config["padding"] == "Same" else 0
            norm = config["normalization"]
            self.conv1 = Conv(cin, cout, k, padding=pad, bias=norm == "None")
            if norm == "Batch":
                self.norm1 = BatchNorm(cout)
            elif norm == "Instance":
                self.norm1 = InstanceNorm(cout, affine=True)
            self.act1 = nn.ReLU()
            self.conv2 = Conv(cout, cout, k, padding=pad, bias=norm == "None")
            if norm == "Batch":
                self.norm2 = BatchNorm(cout)
            elif norm == "Instance":
                self.norm2 = InstanceNorm(cout, affine=True)
            self.act2 = nn.ReLU()

        def forward(self, x):
            for layer in self.children():
                x = layer(x)
            return x


    class UNet(nn.Module):
        def __init__(self):
            super().__init__()
            f = lambda level: filters << level
            self.encoder = nn.ModuleList(
                [Block(config["input_channels"] if l == 0 else f(l - 1), f(l), kernel(l)) for l in range(depth + 1)])
            self.pool = nn.ModuleList([MaxPool(pool_factor(l), pool_factor(l)) for l in range(depth)])
            self.up = nn.ModuleList([ConvTranspose(f(l + 1), f(l), pool_factor(l), pool_factor(l)) for l in reversed(range(depth))])
            self.decoder = nn.ModuleList([Block(2 * f(l), f(l), kernel(l)) for l in reversed(range(depth))])
            self.head = Conv(f(0), config["classes"], 1)

        def forward(self, x):
            skips = []
            for level in range(depth):
                x = self.encoder[level](x)
                skips.append(x)
                x = self.pool[level](x)
            x = self.encoder[depth](x)
            for i in range(depth):
                up = self.up[i](x)
                skip = skips[depth - 1 - i]
                for axis in range(2, skip.dim()):
                    start = (skip.shape[axis] - up.shape[axis]) // 2
                    skip = skip.narrow(axis, start, up.shape[axis])
                x = self.decoder[i](torch.cat([skip, up], 1))
            return self.head(x)


    def read(name):
        with open(os.path.join(folder, name + ".txt")) as f:
            shape = [int(v) for v in f.read().split()]
        return torch.from_numpy(np.fromfile(os.path.join(folder, name + ".bin"), dtype="<f4").reshape(shape))


    def write(name, tensor):
        tensor.detach().numpy().astype("<f4").tofile(os.path.join(folder, name + ".bin"))


    model = UNet()
    state = {}
    with open(os.path.join(folder, "state.txt")) as f:
        for line in f:
            name, *shape = line.split()
            state[name] = torch.from_numpy(np.fromfile(os.path.join(folder, name + ".bin"), dtype="<f4").reshape([int(v) for v in shape]))
    result = model.load_state_dict(state, strict=False)
    assert not result.unexpected_keys, result.unexpected_keys
    assert all(k.endswith("num_batches_tracked") for k in result.missing_keys), result.missing_keys

    x = read("input")
    model.train()
    write("train", model(x))
    model.eval()
    with torch.no_grad():
        write("eval", model(x))
    for name, buffer in model.named_buffers():
        if not name.endswith("num_batches_tracked"):
            write("after." + name, buffer)
    print(sum(p.numel() for p in model.parameters()))


for argument in sys.argv[1:]:
    run(argument)
