#!/usr/bin/env bash
# Sets up ModelZooBridge (Debian packages, ONNX Runtime, the libtorch shim, the mzb host) and runs the whole
# workflow on the bundled ISBI 2012 EM slices: train a small 2D U-Net, export it as a bioimage.io package,
# validate it (reproducing its test output), predict a held-out 1024² mosaic tile by tile, and score the
# prediction against its labels. Results go to ./demo-output (or the folder given as $1).
# MZB_DEMO_MINUTES sets the training time (default 3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/scripts/setup.sh"
out="$(realpath -m "${1:-$root/demo-output}")"
minutes="${MZB_DEMO_MINUTES:-3}"
mzb="$root/.native/bin/mzb"
samples="$root/samples/isbi2012"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

rm -rf "$out/data" "$out/run" "$out/model.zip" "$out/mosaic-prediction.tif"
mkdir -p "$out/data/image" "$out/data/label"
# Slices 0-19 train (a fifth of them held out for validation); 20-23 form the mosaic the network never sees.
for i in $(seq 0 19); do
  ln -s "$samples/image/$i.png" "$out/data/image/$i.png"
  ln -s "$samples/label/$i.png" "$out/data/label/$i.png"
done

step "mzb $("$mzb" --version): train a 2D U-Net (16-32-64-128) for $minutes minute(s) on ISBI slices 0-19"
"$mzb" train --images "$out/data/image" --labels "$out/data/label" --arch unet2d --filters 16 \
  --out "$out/run" --minutes "$minutes" --steps-per-epoch 10 --seed 1
step "Export the best checkpoint as a bioimage.io package"
"$mzb" export "$out/run" --out "$out/model.zip" --name "ISBI 2012 membranes (demo)" --class-names membrane,interior
step "Validate the package, reproducing its test output through ONNX Runtime"
"$mzb" validate "$out/model.zip"
step "Predict the held-out 1024x1024 mosaic of slices 20-23 in 512x512 tiles"
"$mzb" predict --model "$out/model.zip" --input "$samples/mosaic/image.png" --output "$out/mosaic-prediction.tif" --tile 512
step "Score the prediction against the mosaic's labels"
"$mzb" evaluate --prediction "$out/mosaic-prediction.tif" --truth "$samples/mosaic/label.png" --classes membrane,interior

printf '\nPackage: %s\nRun (checkpoints, log.csv, loss.svg): %s\nPrediction: %s\n' "$out/model.zip" "$out/run" "$out/mosaic-prediction.tif"
