#!/bin/sh
# Regenerates the TIFF reader fixtures in this folder: the .tif files, the expected pixels (.raw: little-endian,
# C order, in the reader's axis order) and manifest.json. Oracles: Debian's python3 with numpy 1.24 and
# tifffile 2023.2.3, libtiff's tiffcp, and ImageJ 1.53t run headless under xvfb-run.
# Never regenerate to make a failing test pass (house rule 23).
set -eu
cd "$(dirname "$0")"
exec /usr/bin/python3 make_fixtures.py
