#!/usr/bin/env bash
# Runs the benchmarks; each reports ratios against a baseline measured in the same run.
#   bench/run.sh tiff     TIFF read/write throughput of a 1 GiB uint16 stack vs tifffile (none and Deflate)
#   bench/run.sh memory   peak memory of `mzb convert` on a 4 GiB stack (TIFF -> NPY, TIFF -> Deflate TIFF)
#   bench/run.sh train-data  CPU time to make augmented training batches, and the producer's data-wait share
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
  train-data)
    dotnet run -c Release --project "$root/bench/ModelZooBridge.DataBench" -- "$root/samples/isbi2012" 40 500
    ;;
  *) echo "usage: bench/run.sh tiff|memory|train-data" >&2; exit 2 ;;
esac
