#!/usr/bin/env bash
# Sets up everything the tests need (Debian packages, ONNX Runtime, build) and runs all tests.
# Extra arguments go to `dotnet test` (e.g. --filter Area=Tiff).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MZB_SETUP_TESTS=1 "$root/scripts/setup.sh"
export MZB_ONNXRUNTIME="$root/.native/onnxruntime/libonnxruntime.so.1" MZB_TORCH_SHIM="$root/.native/torch/libmzb_torch.so" MZB_HOST="$root/.native/bin/mzb"
results="$root/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test "$root/ModelZooBridge.sln" -c Release --nologo --logger "trx" --results-directory "$results" "$@" || status=$?
# One closing line over every test assembly, in the plain form CI reads.
python3 - "$results" <<'PY' || true
import glob, re, sys
totals = {"passed": 0, "failed": 0, "notExecuted": 0}
for trx in glob.glob(sys.argv[1] + "/*.trx"):
    counters = re.search(r"<Counters [^>]*>", open(trx, encoding="utf-8").read())
    if counters:
        for key in totals:
            m = re.search(key + r'="(\d+)"', counters.group(0))
            totals[key] += int(m.group(1)) if m else 0
print(f"{totals['passed']} passed, {totals['failed']} failed, {totals['notExecuted']} skipped")
PY
# A test project that does not build leaves no results; say so rather than let the counts look clean.
[[ $status -eq 0 ]] || echo "dotnet test exited with $status (a failed test or a test project that did not build; see above)" >&2
exit $status
