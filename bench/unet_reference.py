#!/usr/bin/python3
"""The reference U-Nets of shared/reference/baselines.md for the prediction benchmark (bench/run.sh predict).

  unet_reference.py export FOLDER
      writes FOLDER/unet2d and FOLDER/unet3d: bioimage.io 0.5 packages (ONNX opset 17, dynamic batch and space,
      random weights from a fixed seed, eval mode, no halo declared so the predictor blends overlapping tiles)
  unet_reference.py serve 2d|3d THREADS SIZE
      PyTorch eager side of the ORT comparison: builds the same network (same seed), then for every line "run" on
      stdin runs one forward pass on a 1x1xSIZE^rank tile under torch.no_grad and prints its wall time in seconds;
      the caller alternates these runs with its own, so both sides see the same machine load.
  unet_reference.py train THREADS 2d|3d BATCH SIZE
      PyTorch eager side of the training comparison (bench/run.sh train): the same network in train mode, Adam 1e-3,
      cross-entropy; for every line "run" one step (zero_grad, forward, loss, backward, step, loss.item()) on a fixed
      BATCHx1xSIZE^rank batch of noise with random classes, printing its wall time in seconds.
Needs Debian's python3-torch (1.13), numpy and onnx.
"""
import os
import sys
import time

import numpy as np
import torch
from torch import nn

SEED = 20261122
OPSET = 17


def conv(rank):
    return nn.Conv2d if rank == 2 else nn.Conv3d


class Block(nn.Sequential):
    """2 x (3x3[x3] conv, same padding, no bias -> BatchNorm -> ReLU)."""

    def __init__(self, rank, cin, cout):
        norm = nn.BatchNorm2d if rank == 2 else nn.BatchNorm3d
        super().__init__(conv(rank)(cin, cout, 3, padding=1, bias=False), norm(cout), nn.ReLU(inplace=True),
                         conv(rank)(cout, cout, 3, padding=1, bias=False), norm(cout), nn.ReLU(inplace=True))


class UNet(nn.Module):
    """Max-pool down, transposed conv (kernel = stride = 2) up concatenated with the skip, 1x1 head with 2 logits."""

    def __init__(self, rank, filters):
        super().__init__()
        pool = nn.MaxPool2d if rank == 2 else nn.MaxPool3d
        up = nn.ConvTranspose2d if rank == 2 else nn.ConvTranspose3d
        self.pool = pool(2)
        self.down = nn.ModuleList(Block(rank, cin, cout) for cin, cout in zip([1] + filters[:-1], filters))
        self.up = nn.ModuleList(up(f * 2, f, 2, stride=2) for f in reversed(filters[:-1]))
        self.merge = nn.ModuleList(Block(rank, f * 2, f) for f in reversed(filters[:-1]))
        self.head = conv(rank)(filters[0], 2, 1)

    def forward(self, x):
        skips = []
        for i, block in enumerate(self.down):
            x = block(x if i == 0 else self.pool(x))
            skips.append(x)
        for up, merge, skip in zip(self.up, self.merge, reversed(skips[:-1])):
            x = merge(torch.cat([skip, up(x)], dim=1))
        return self.head(x)


NETWORKS = {"2d": (2, [32, 64, 128, 256]), "3d": (3, [16, 32, 64])}


def build(name):
    """The network with weights and BatchNorm statistics drawn from the fixed seed, in eval mode."""
    rank, filters = NETWORKS[name]
    torch.manual_seed(SEED)
    model = UNet(rank, filters)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.BatchNorm2d, nn.BatchNorm3d)):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.1, 0.1)
    return model.eval()


RDF = """format_version: 0.5.4
type: model
name: reference {name} U-Net (benchmark)
description: The {name} U-Net of baselines.md with random weights, for timing only.
authors:
  - name: ModelZooBridge benchmark
cite:
  - text: Ronneberger et al., U-Net
    doi: 10.1007/978-3-319-24574-4_28
license: MIT
documentation: README.md
inputs:
  - id: raw
    axes:
      - type: batch
      - type: channel
        channel_names: [raw]
{input_axes}
    test_tensor: {{source: test_input.npy}}
    preprocessing:
      - id: zero_mean_unit_variance
        kwargs: {{axes: [{space_ids}]}}
outputs:
  - id: logits
    axes:
      - type: batch
      - type: channel
        channel_names: [background, foreground]
{output_axes}
    test_tensor: {{source: test_output.npy}}
weights:
  onnx:
    source: weights.onnx
    opset_version: {opset}
"""


def export(folder, name):
    rank, filters = NETWORKS[name]
    step = 2 ** (len(filters) - 1)
    ids = ["z", "y", "x"][-rank:]
    target = os.path.join(folder, "unet" + name)
    os.makedirs(target, exist_ok=True)
    model = build(name)
    dims = {0: "batch", **{2 + i: a for i, a in enumerate(ids)}}
    test = torch.from_numpy(np.random.default_rng(SEED).random((1, 1) + (4 * step,) * rank, dtype=np.float32))
    torch.onnx.export(model, (test,), os.path.join(target, "weights.onnx"), opset_version=OPSET,
                      input_names=["raw"], output_names=["logits"], dynamic_axes={"raw": dims, "logits": dims})
    normalised = (test - test.mean()) / (test.std(unbiased=False) + 1e-6)
    with torch.no_grad():
        np.save(os.path.join(target, "test_output.npy"), model(normalised).numpy())
    np.save(os.path.join(target, "test_input.npy"), test.numpy())
    with open(os.path.join(target, "README.md"), "w") as f:
        f.write(f"# reference {name} U-Net\n\nRandom weights (seed {SEED}); written by bench/unet_reference.py.\n")
    with open(os.path.join(target, "rdf.yaml"), "w") as f:
        f.write(RDF.format(
            name=name, opset=OPSET, space_ids=", ".join(ids),
            input_axes="\n".join(f"      - {{type: space, id: {a}, size: {{min: {step}, step: {step}}}}}" for a in ids),
            output_axes="\n".join(f"      - {{type: space, id: {a}, size: {{tensor_id: raw, axis_id: {a}}}}}" for a in ids)))


def serve(name, threads, size):
    torch.set_num_threads(threads)
    rank, _ = NETWORKS[name]
    model = build(name)
    tile = torch.from_numpy(np.random.default_rng(SEED).standard_normal((1, 1) + (size,) * rank, dtype=np.float32))
    with torch.no_grad():
        model(tile)  # warm-up
        print("ready", flush=True)
        for line in sys.stdin:
            if line.strip() != "run":
                break
            start = time.perf_counter()
            model(tile)
            print(f"{time.perf_counter() - start:.6f}", flush=True)


def serve_training(name, threads, batch, size):
    torch.set_num_threads(threads)
    rank, _ = NETWORKS[name]
    model = build(name).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    rng = np.random.default_rng(SEED)
    images = torch.from_numpy(rng.standard_normal((batch, 1) + (size,) * rank, dtype=np.float32))
    classes = torch.from_numpy(rng.integers(0, 2, (batch,) + (size,) * rank, dtype=np.int64))

    def step():
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(images), classes)
        loss.backward()
        optimizer.step()
        return loss.item()

    step()  # warm-up
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        start = time.perf_counter()
        step()
        print(f"{time.perf_counter() - start:.6f}", flush=True)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "export":
        for name in NETWORKS:
            export(sys.argv[2], name)
    elif len(sys.argv) == 5 and sys.argv[1] == "serve" and sys.argv[2] in NETWORKS:
        serve(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) == 6 and sys.argv[1] == "train" and sys.argv[3] in NETWORKS:
        serve_training(sys.argv[3], int(sys.argv[2]), int(sys.argv[4]), int(sys.argv[5]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
