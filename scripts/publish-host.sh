#!/usr/bin/env bash
# Publishes the host (self-contained, single-file, ReadyToRun) to .native/bin/mzb when any source is newer.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host="$root/.native/bin/mzb"
if [[ -x "$host" ]] && [[ -z "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.proto' \) -newer "$host" -print -quit)" ]]; then
  exit 0
fi
printf '\033[1m[setup]\033[0m %s\n' "building the mzb host (dotnet publish, ReadyToRun)" >&2
dotnet publish "$root/src/ModelZooBridge.Cli/ModelZooBridge.Cli.csproj" -c Release -o "$root/.native/bin" --nologo -v quiet -clp:ErrorsOnly >&2
touch "$host"
