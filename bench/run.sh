#!/usr/bin/env bash
# Runs the benchmarks; each reports ratios against a baseline measured in the same run.
#   bench/run.sh tiff     TIFF read/write throughput of a 1 GiB uint16 stack vs tifffile (none and Deflate)
#   bench/run.sh memory   peak memory of `mzb convert` on a 4 GiB stack (TIFF -> NPY, TIFF -> Deflate TIFF)
#   bench/run.sh predict-memory [PAGES]   peak memory of `mzb predict --memory 256` streaming a uint16 volume of
#                         PAGES x 1024 x 1024 (default 1024: 2 GiB) through the 3-D conv fixture into a TIFF
#   bench/run.sh train-data  CPU time to make augmented training batches, and the producer's data-wait share
#   bench/run.sh train    training step of the reference U-Nets vs PyTorch eager, and the Trainer's data-wait share
#                         (MZB_BENCH_QUICK=1: 3 rounds, a few minutes)
#   bench/run.sh predict  tiled prediction with the reference U-Nets vs bare ORT and PyTorch, host start-up
#                         (MZB_BENCH_QUICK=1: small sizes, a few minutes; other MZB_BENCH_* in bench/README.md)
# Scratch files go to $MZB_BENCH_DIR (default: a temp folder), removed afterwards.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MZB_SETUP_TESTS=1 "$root/scripts/setup.sh"
scratch="${MZB_BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$scratch"; trap 'rm -rf "$scratch"' EXIT
bench=(dotnet run -c Release --project "$root/bench/ModelZooBridge.Bench" --)
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }

case "${1:-tiff}" in
  tiff)
    "${bench[@]}" tiff "$scratch"
    ;;
  memory)
    pages=2048   # 2048 x 1024 x 1024 x 2 bytes = 4 GiB
    "${bench[@]}" make-stack "$scratch/big.tif" $pages
    for target in big.npy big-deflate.tif; do
      extra=(); [[ $target == *.tif ]] && extra=(--deflate)
      /usr/bin/time -f '%M %e' -o "$scratch/time.txt" "$root/.native/bin/mzb" convert "$scratch/big.tif" "$scratch/$target" "${extra[@]}" >/dev/null
      read -r kib seconds < "$scratch/time.txt"
      printf 'convert 4 GiB big.tif -> %-16s peak RSS %5d MiB (goal < 512 MiB), %6.1f s\n' "$target" $((kib / 1024)) "$seconds"
      rm -f "$scratch/$target"
    done
    ;;
  predict-memory)
    pages="${2:-1024}"
    package="$scratch/conv3d"
    mkdir -p "$package"
    cp "$root/tests/ModelZooBridge.OnnxRuntime.Tests/Fixtures/torch/conv3d.onnx" "$package/weights.onnx"
    cat > "$package/rdf.yaml" <<'YAML'
format_version: 0.5.4
type: model
name: conv3d bench
description: one 3x3x3 convolution and a sigmoid (tests/ModelZooBridge.OnnxRuntime.Tests/Fixtures/make_models.py)
authors: [{name: bench}]
cite: [{text: bench, doi: 10.5281/zenodo.5764892}]
license: MIT
inputs:
  - id: input
    axes:
      - {type: batch}
      - {type: channel, channel_names: [a]}
      - {type: space, id: z, size: {min: 4, step: 1}}
      - {type: space, id: y, size: {min: 4, step: 1}}
      - {type: space, id: x, size: {min: 4, step: 1}}
    preprocessing: [{id: scale_range, kwargs: {axes: [z, y, x], min_percentile: 1.0, max_percentile: 99.8}}]
outputs:
  - id: output
    axes:
      - {type: batch}
      - {type: channel, channel_names: [p, q]}
      - {type: space, id: z, size: {tensor_id: input, axis_id: z}, halo: 1}
      - {type: space, id: y, size: {tensor_id: input, axis_id: y}, halo: 1}
      - {type: space, id: x, size: {tensor_id: input, axis_id: x}, halo: 1}
weights: {onnx: {source: weights.onnx, opset_version: 13}}
YAML
    "${bench[@]}" make-stack "$scratch/volume.tif" "$pages"
    /usr/bin/time -f '%M %e' -o "$scratch/time.txt" "$root/.native/bin/mzb" predict -m "$package" -i "$scratch/volume.tif" \
      -o "$scratch/prediction.tif" --memory 256 --json > "$scratch/predict.json"
    read -r kib seconds < "$scratch/time.txt"
    /usr/bin/python3 - "$scratch/predict.json" "$kib" "$seconds" "$pages" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
kib, seconds, pages = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"predict {pages}x1024x1024 uint16 ({pages * 2 / 1024:.1f} GiB) --memory 256: peak RSS {kib // 1024} MiB, "
      f"planned working set {r['working_set_bytes'] >> 20} MiB, streamed {r['streamed']} in {r['slabs']} slabs, "
      f"{r['tiles']} blocks of {'x'.join(map(str, r['tile_shape']))}, {seconds:.1f} s "
      f"(engine {r['timings_ms']['inference'] / 1000:.1f} s, statistics {r['timings_ms']['preprocessing'] / 1000:.1f} s)")
PY
    ;;
  train-data)
    dotnet run -c Release --project "$root/bench/ModelZooBridge.DataBench" -- "$root/samples/isbi2012" 40 500
    ;;
  train)
    /usr/bin/python3 -c 'import torch' 2>/dev/null || apt-get install -y -qq python3-torch >/dev/null
    dotnet run -c Release --project "$root/bench/ModelZooBridge.DataBench" -- train "$root/samples/isbi2012" "$scratch"
    ;;
  predict)
    # The reference networks are exported at bench time (not committed): python3-torch, fixed seed.
    /usr/bin/python3 -c 'import torch' 2>/dev/null || apt-get install -y -qq python3-torch >/dev/null
    /usr/bin/python3 "$root/bench/unet_reference.py" export "$scratch/packages"
    MZB_ONNXRUNTIME="${MZB_ONNXRUNTIME:-$root/.native/onnxruntime/libonnxruntime.so.1}" \
      "${bench[@]}" predict "$scratch/packages" "$scratch" "${MZB_HOST:-$root/.native/bin/mzb}"
    ;;
  *) echo "usage: bench/run.sh tiff|memory|predict-memory [PAGES]|train-data|train|predict" >&2; exit 2 ;;
esac
