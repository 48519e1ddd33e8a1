#!/usr/bin/env bash
# Installs what ModelZooBridge needs on Debian 12 and builds it. Idempotent: a second run only
# checks and rebuilds what changed. Sourced by ./demo.sh and ./test.sh; run alone it just sets up.
#   MZB_SETUP_TESTS=1  also install the test oracles (numpy, tifffile, PIL, onnx, libtiff tools, ImageJ, Xvfb)
set -euo pipefail

MZB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MZB_NATIVE="$MZB_ROOT/.native"
ORT_VERSION=1.30.0
ORT_TGZ_SHA256=6e3390d6b783e7be946fad629292799da28d0b42f84856e50d2c1b0383291e75
ORT_LIB_SHA256=ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 2; }

# --- Debian packages -------------------------------------------------------------------------
# libtorch-dev and a C++ toolchain build the training shim; OpenBLAS replaces the reference BLAS libtorch links.
apt_packages=(ca-certificates git nodejs npm cmake g++ make libtorch-dev libopenblas0-pthread)
if [[ "${MZB_SETUP_TESTS:-0}" == 1 ]]; then
  apt_packages+=(python3 python3-numpy python3-tifffile python3-pil python3-onnx libtiff-tools imagej xvfb xauth)
fi
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from elsewhere (e.g. nodesource): accept them when on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  sudo_cmd=(); [[ $(id -u) == 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || die "the .NET 10 SDK is missing: install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run this again"
dotnet --list-sdks | grep -q '^10\.' || die "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"

# --- ONNX Runtime: the official libonnxruntime.so.1 from the npm package, install scripts never run ---
ort_dir="$MZB_NATIVE/onnxruntime"
ort_lib="$ort_dir/libonnxruntime.so.1"
if [[ ! -f "$ort_lib" ]] || [[ "$(sha256sum "$ort_lib" | cut -d' ' -f1)" != "$ORT_LIB_SHA256" ]]; then
  say "fetching ONNX Runtime $ORT_VERSION (npm pack onnxruntime-node@$ORT_VERSION, no install scripts)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "onnxruntime-node@$ORT_VERSION" --ignore-scripts --loglevel=error >/dev/null) \
    || die "npm pack onnxruntime-node@$ORT_VERSION failed (is the npm registry reachable? see npm's message above)"
  tgz="$work/onnxruntime-node-$ORT_VERSION.tgz"
  [[ "$(sha256sum "$tgz" | cut -d' ' -f1)" == "$ORT_TGZ_SHA256" ]] || die "onnxruntime-node-$ORT_VERSION.tgz has an unexpected sha256"
  tar -xzf "$tgz" -C "$work" package/bin/napi-v6/linux/x64/libonnxruntime.so.1
  [[ "$(sha256sum "$work/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" | cut -d' ' -f1)" == "$ORT_LIB_SHA256" ]] \
    || die "libonnxruntime.so.1 from the npm package has an unexpected sha256"
  mkdir -p "$ort_dir"
  install -m 0644 "$work/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$ort_lib.tmp" && mv "$ort_lib.tmp" "$ort_lib"
  echo "$ORT_VERSION" > "$ort_dir/VERSION"
  rm -rf "$work"; trap - EXIT
fi
export MZB_ONNXRUNTIME="$ort_lib"

# --- libtorch shim: src/native/mzb_torch built into .native/torch when a source is newer than the library ---
torch_src="$MZB_ROOT/src/native/mzb_torch"
torch_lib="$MZB_NATIVE/torch/libmzb_torch.so"
if [[ ! -f "$torch_lib" ]] || [[ -n "$(find "$torch_src" -type f -newer "$torch_lib" -print -quit)" ]]; then
  say "building the libtorch shim (src/native/mzb_torch)"
  torch_build="$MZB_NATIVE/torch-build"
  cmake -S "$torch_src" -B "$torch_build" -DCMAKE_BUILD_TYPE=Release >"$torch_build.log" 2>&1 \
    && cmake --build "$torch_build" -j2 >>"$torch_build.log" 2>&1 \
    || { tail -n 30 "$torch_build.log" >&2; die "building the libtorch shim failed (full log: $torch_build.log)"; }
  mkdir -p "$MZB_NATIVE/torch"
  install -m 0755 "$torch_build/libmzb_torch.so" "$torch_lib.tmp" && mv "$torch_lib.tmp" "$torch_lib"
fi
export MZB_TORCH_SHIM="$torch_lib"

# --- .NET build and the published host ---------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
"$MZB_ROOT/scripts/publish-host.sh"
