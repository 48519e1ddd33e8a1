#!/usr/bin/env bash
# Sets up ModelZooBridge (Debian packages, ONNX Runtime, the mzb host) and runs the demo on the bundled
# ISBI 2012 slices. Results go to ./demo-output (or the folder given as $1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/scripts/setup.sh"
out="$(realpath -m "${1:-$root/demo-output}")"
mkdir -p "$out"
mzb="$root/.native/bin/mzb"
slice="$root/samples/isbi2012/image/0.png"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "mzb $("$mzb" --version): what the bundled EM slice holds"
"$mzb" info "$slice"
step "PNG -> TIFF (Deflate), readable by ImageJ"
"$mzb" convert "$slice" "$out/slice0.tif" --deflate
step "TIFF -> NPY as float32, the dtype models take"
"$mzb" convert "$out/slice0.tif" "$out/slice0.npy" --dtype float32
"$mzb" info "$out/slice0.npy" --json
step "Label PNG -> TIFF"
"$mzb" convert "$root/samples/isbi2012/label/0.png" "$out/label0.tif"
printf '\nResults are in %s\n' "$out"
