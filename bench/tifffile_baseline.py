"""tifffile's side of the TIFF benchmark: writes and reads the same synthetic uint16 stack and prints seconds as JSON.

usage: tifffile_baseline.py FOLDER PAGES HEIGHT WIDTH
The pixel formula is the one bench/ModelZooBridge.Bench/StackPattern.cs uses, so both sides write identical data.
"""
import json, sys, time
import numpy as np
import tifffile

folder, pages, height, width = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
y, x = np.mgrid[0:height, 0:width].astype(np.uint32)

def page(p):
    h = (x * 73856093) ^ (y * 19349663) ^ np.uint32(p * 83492791)
    return (((x * 3 + y * 5 + p * 7) & 0x3FF) + ((h >> 7) & 0x3F)).astype(np.uint16)

stack = np.stack([page(p % 16) for p in range(16)])
data = np.empty((pages, height, width), np.uint16)
for p in range(pages):
    data[p] = stack[p % 16]
result = {}
for name, compression in (("none", None), ("deflate", "zlib")):
    path = f"{folder}/tifffile-{name}.tif"
    t = time.perf_counter()
    tifffile.imwrite(path, data, imagej=True, compression=compression, metadata={"axes": "ZYX"})
    result[f"write_{name}"] = time.perf_counter() - t
    for source in ("tifffile", "mzb"):
        read_path = f"{folder}/{source}-{name}.tif"
        try:
            t = time.perf_counter()
            back = tifffile.imread(read_path)
            result[f"read_{source}_{name}"] = time.perf_counter() - t
            assert back.shape == data.shape and np.array_equal(back[::37], data[::37]), f"{read_path} differs"
        except FileNotFoundError:
            pass
print(json.dumps(result))
