"""Writes the TIFF reader fixtures; run through make_fixtures.sh.

Every fixture gets an entry in manifest.json: the file, and either the expected pixels (raw file, dtype,
shape, axes, calibration) or the word an ImageFormatException message must contain.
"""
import json
import os
import subprocess
import tempfile

import numpy as np
import tifffile

assert tifffile.__version__ == "2023.2.3", tifffile.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)
H, W = 37, 29  # neither is a multiple of the 8-row strips or 16x16 tiles used below
manifest = []
NONE_CAL = None


def data(dtype, shape):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return (rng.standard_normal(shape) * 1000).astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype)


def cal(width, height, depth=1.0, unit="pixel", interval=0.0, tunit="sec"):
    return {"pixelWidth": width, "pixelHeight": height, "pixelDepth": depth, "unit": unit,
            "frameInterval": interval, "timeUnit": tunit}


def expect(name, array, axes, calibration=None, note=""):
    """Records that <name> must read as <array> with <axes> (singleton axes already removed)."""
    assert array.ndim == len(axes), (name, array.shape, axes)
    raw = name.rsplit(".", 1)[0] + ".raw"
    np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tofile(os.path.join(HERE, raw))
    manifest.append({"file": name, "raw": raw, "dtype": str(array.dtype.newbyteorder("=").name),
                     "shape": list(array.shape), "axes": axes, "calibration": calibration, "note": note})


def expect_error(name, word, note=""):
    manifest.append({"file": name, "error": word, "note": note})


def path(name):
    return os.path.join(HERE, name)


def write(name, array, **kwargs):
    tifffile.imwrite(path(name), array, **kwargs)


# --- tifffile: every dtype, strips/tiles, endianness, BigTIFF, zlib with horizontal predictor ---
a = data("u1", (H, W)); write("u8_strips.tif", a, rowsperstrip=8, metadata=None)
expect("u8_strips.tif", a, "yx", note="uncompressed strips of 8 rows, last strip 5 rows")

a = data("i1", (4, H, W)); write("i8_stack.tif", a, rowsperstrip=8, photometric="minisblack")
expect("i8_stack.tif", a, "zyx", note="4 pages, tifffile JSON description")

a = data("u2", (3, H, W)); write("u16_bigendian.tif", a, byteorder=">", rowsperstrip=5, photometric="minisblack")
expect("u16_bigendian.tif", a, "zyx", note="big-endian, uncompressed")

a = data("i2", (2, H, W)); write("i16_zlib_pred2.tif", a, compression="zlib", predictor=True, rowsperstrip=8)
expect("i16_zlib_pred2.tif", a, "zyx", note="deflate (8) + horizontal predictor")

a = data("u4", (2, H, W)); write("u32_deflate32946_pred2.tif", a, compression="deflate", predictor=True, rowsperstrip=9,
                               photometric="minisblack")
expect("u32_deflate32946_pred2.tif", a, "zyx", note="deflate with the old code 32946, 32-bit horizontal predictor")

a = data("u4", (H, W)); write("u32_tiles.tif", a, tile=(16, 16))
expect("u32_tiles.tif", a, "yx", note="uncompressed 16x16 tiles, cropped edges")

a = data("i4", (3, H, W)); write("i32_bigtiff_zlib.tif", a, bigtiff=True, compression="zlib", rowsperstrip=16, photometric="minisblack")
expect("i32_bigtiff_zlib.tif", a, "zyx", note="BigTIFF + deflate")

a = data("i8", (2, H, W)); write("i64_bigendian_bigtiff.tif", a, bigtiff=True, byteorder=">")
expect("i64_bigendian_bigtiff.tif", a, "zyx", note="big-endian BigTIFF int64")

a = data("f4", (2, H, W)); write("f32_bigendian_zlib.tif", a, byteorder=">", compression="zlib", rowsperstrip=10)
expect("f32_bigendian_zlib.tif", a, "zyx")

a = data("f8", (H, W)); write("f64_tiles_zlib.tif", a, tile=(16, 32), compression="zlib")
expect("f64_tiles_zlib.tif", a, "yx", note="float64 tiles 32 wide, 16 long")

a = data("u2", (H, W)); write("u16_tiles_be_zlib_pred2.tif", a, tile=(16, 16), compression="zlib", predictor=True, byteorder=">")
expect("u16_tiles_be_zlib_pred2.tif", a, "yx", note="big-endian tiles: swap, then undo the predictor")

a = data("u1", (H, W, 3)); write("u8_rgb_contig.tif", a, photometric="rgb", rowsperstrip=8)
expect("u8_rgb_contig.tif", a.transpose(2, 0, 1), "cyx", note="interleaved RGB")

a = data("u2", (2, 3, H, W)); write("u16_planar_stack.tif", a, photometric="rgb", planarconfig="separate", rowsperstrip=8)
expect("u16_planar_stack.tif", a, "zcyx", note="planar configuration 2, two pages")

a = data("i2", (3, H, W))
write("i16_planar_tiles_zlib_pred2_bigtiff.tif", a, photometric="rgb", planarconfig="separate", tile=(16, 16),
      compression="zlib", predictor=True, bigtiff=True)
expect("i16_planar_tiles_zlib_pred2_bigtiff.tif", a, "cyx")

a = data("u2", (2, H, W, 4)); write("u16_rgba_contig_zlib_pred2.tif", a, photometric="rgb", extrasamples=["unassalpha"],
                                    compression="zlib", predictor=True, rowsperstrip=7)
expect("u16_rgba_contig_zlib_pred2.tif", a.transpose(0, 3, 1, 2), "zcyx", note="4 interleaved samples, predictor stride 4")

a = data("u1", (H, W)); cmap = data("u2", (3, 256))
write("u8_palette.tif", a, photometric="palette", colormap=cmap)
expect("u8_palette.tif", a, "yx", note="palette indices, no LUT applied")

a = data("u2", (H, W)); write("u16_resolution_cm.tif", a, resolution=(4.0, 8.0), resolutionunit="CENTIMETER")
expect("u16_resolution_cm.tif", a, "yx", cal(0.25, 0.125, unit="cm"))

a = data("u1", (H, W)); write("u8_resolution_inch.tif", a, resolution=(300.0, 150.0), resolutionunit="INCH")
expect("u8_resolution_inch.tif", a, "yx", cal(1 / 300, 1 / 150, unit="inch"))

# reduced-resolution pages are skipped; differing full-resolution pages are an error
full = data("u2", (2, H, W))
with tifffile.TiffWriter(path("u16_with_reduced.tif")) as w:
    w.write(full[0], metadata=None)
    w.write(data("u2", (19, 15)), subfiletype=1, metadata=None)
    w.write(full[1], metadata=None)
expect("u16_with_reduced.tif", full, "zyx", note="page 1 is reduced resolution (NewSubfileType 1)")
with tifffile.TiffWriter(path("mixed_pages.tif")) as w:
    w.write(data("u2", (H, W)), metadata=None)
    w.write(data("u2", (20, 20)), metadata=None)
expect_error("mixed_pages.tif", "differing")

# --- ImageJ hyperstacks written by tifffile ---
a = data("u2", (2, 3, 2, H, W))
write("imagej_tzc_u16.tif", a, imagej=True, resolution=(2.0, 4.0),
      metadata={"axes": "TZCYX", "unit": "um", "spacing": 2.0, "finterval": 1.5, "tunit": "min"})
expect("imagej_tzc_u16.tif", a, "tzcyx", cal(0.5, 0.25, 2.0, "micron", 1.5, "min"))

a = data("f4", (3, H, W))
write("imagej_slices_f32.tif", a, imagej=True, metadata={"axes": "ZYX"})
expect("imagej_slices_f32.tif", a, "zyx", note="ImageJ float stack, uncalibrated")

a = data("u1", (2, H, W, 3)); write("imagej_rgb_slices.tif", a, imagej=True, photometric="rgb", metadata={"axes": "ZYXS"})
expect("imagej_rgb_slices.tif", a.transpose(0, 3, 1, 2), "zcyx", note="ImageJ RGB: c = samples")

a = data("u1", (2, H, W, 3)); write("imagej_rgb_channels.tif", a, imagej=True, photometric="rgb")
expect_error("imagej_rgb_channels.tif", "channels", note="ImageJ channels=2 with 3 samples per pixel")

# --- OME-TIFF written by tifffile ---
a = data("f4", (2, 3, 2, H, W))
write("ome_tczyx_f32.tif", a, ome=True, metadata={"axes": "TCZYX", "PhysicalSizeX": 0.5, "PhysicalSizeY": 0.25,
                                                   "PhysicalSizeZ": 1.5, "TimeIncrement": 2.0})
expect("ome_tczyx_f32.tif", a, "tczyx", cal(0.5, 0.25, 1.5, "micron", 2.0, "sec"), note="DimensionOrder XYZCT")

a = data("u1", (2, 3, 2, H, W)); write("ome_ztcyx_u8.tif", a, ome=True, metadata={"axes": "ZTCYX"})
expect("ome_ztcyx_u8.tif", a, "ztcyx", note="DimensionOrder XYCTZ: the file's order is kept")

a = data("u2", (2, H, W, 3)); write("ome_rgb_u16.tif", a, ome=True, photometric="rgb", metadata={"axes": "TYXS"})
expect("ome_rgb_u16.tif", a.transpose(0, 3, 1, 2), "tcyx", note="OME RGB: SizeC 3 = samples")

# --- lazy reading: every page but one has corrupt deflate data ---
a = data("u1", (60, 8, 8)); write("lazy_corrupt_pages.tif", a, compression="zlib")
with tifffile.TiffFile(path("lazy_corrupt_pages.tif")) as t:
    spans = [(p.dataoffsets[0], p.databytecounts[0]) for p in t.pages]
with open(path("lazy_corrupt_pages.tif"), "r+b") as f:
    for i, (offset, count) in enumerate(spans):
        if i != 7:
            f.seek(offset)
            f.write(b"\xff" * count)
expect("lazy_corrupt_pages.tif", a, "zyx", note="only page 7 is intact; the test reads plane 7 only")
manifest[-1]["onlyPlane"] = 7

# --- libtiff tiffcp: LZW, PackBits, deflate with predictors 2 and 3, tiles, big-endian, JPEG ---
# (No big-endian file with the floating-point predictor: this libtiff does not read back its own "-B -c zip:3".)
tmp = tempfile.mkdtemp()
sources = {
    "u8": data("u1", (3, H, W)), "u16": data("u2", (3, H, W)), "i32": data("i4", (2, H, W)),
    "i64": data("i8", (2, H, W)), "f32": data("f4", (2, H, W)), "f64": data("f8", (H, W)),
    "rgb": data("u1", (H, W, 3)),
}
# low-entropy bytes in one 16 KiB strip: long LZW strings, 12-bit codes and several table resets
yy, xx = np.mgrid[0:128, 0:128]
sources["u8big"] = ((xx // 3 + yy // 5 + rng.integers(0, 3, size=(128, 128))) % 251).astype("u1")
for key, array in sources.items():
    tifffile.imwrite(os.path.join(tmp, key + ".tif"), array, metadata=None,
                     photometric="rgb" if key == "rgb" else "minisblack")


def tiffcp(name, source, *options):
    subprocess.run(["tiffcp", *options, os.path.join(tmp, source + ".tif"), path(name)], check=True)


def axes_of(array):
    return "cyx" if array.ndim == 3 and array.shape[-1] == 3 and array.shape[0] == H else ("zyx" if array.ndim == 3 else "yx")


def pixels(key):
    array = sources[key]
    return array.transpose(2, 0, 1) if key == "rgb" else array


for name, key, options in [
    ("lzw_u8.tif", "u8", ["-c", "lzw"]),
    ("lzw_u8_big.tif", "u8big", ["-c", "lzw", "-r", "128"]),
    ("lzw2_u16.tif", "u16", ["-c", "lzw:2"]),
    ("lzw2_rgb.tif", "rgb", ["-c", "lzw:2"]),
    ("lzw2_u16_bigendian.tif", "u16", ["-B", "-c", "lzw:2"]),
    ("zip2_i32.tif", "i32", ["-c", "zip:2"]),
    ("zip2_i64.tif", "i64", ["-c", "zip:2"]),
    ("zip3_f32.tif", "f32", ["-c", "zip:3"]),
    ("lzw3_f64.tif", "f64", ["-c", "lzw:3"]),
    ("packbits_u8.tif", "u8", ["-c", "packbits"]),
    ("packbits_u16.tif", "u16", ["-c", "packbits"]),
    ("tiles_lzw2_u16.tif", "u16", ["-t", "-w", "16", "-l", "16", "-c", "lzw:2"]),
    ("tiles_zip3_f64.tif", "f64", ["-t", "-w", "16", "-l", "16", "-c", "zip:3"]),
    ("tiles_packbits_rgb.tif", "rgb", ["-t", "-w", "16", "-l", "16", "-c", "packbits"]),
]:
    tiffcp(name, key, *options)
    array = pixels(key)
    axes = {2: "yx", 3: "cyx" if key == "rgb" else "zyx"}[array.ndim]
    # cross-check with libtiff's own decoder: decompress back with tiffcp, read the plain file with tifffile
    plain = os.path.join(tmp, "check_" + name)
    subprocess.run(["tiffcp", "-c", "none", path(name), plain], check=True)
    check = tifffile.imread(plain)
    assert np.array_equal(check.transpose(2, 0, 1) if key == "rgb" else check, array), name
    expect(name, array, axes, note="tiffcp " + " ".join(options))
tiffcp("jpeg_rgb.tif", "rgb", "-c", "jpeg")
expect_error("jpeg_rgb.tif", "JPEG", note="compression 7")

# --- real ImageJ 1.53t ---
macro = r"""
dir = getArgument();
newImage("hs", "16-bit black", 29, 37, 2, 3, 2);
for (t = 1; t <= 2; t++) for (z = 1; z <= 3; z++) for (c = 1; c <= 2; c++) {
  Stack.setPosition(c, z, t);
  for (y = 0; y < 37; y++) for (x = 0; x < 29; x++) setPixel(x, y, (x * 7 + y * 131 + c * 101 + z * 1009 + t * 3001) % 65536);
}
setVoxelSize(0.5, 0.25, 2, "micron");
Stack.setFrameInterval(1.5);
Stack.setTUnit("sec");
saveAs("Tiff", dir + "/imagej_real_hyperstack.tif");
close();
newImage("rgb", "RGB black", 29, 37, 2);
for (z = 1; z <= 2; z++) {
  setSlice(z);
  for (y = 0; y < 37; y++) for (x = 0; x < 29; x++) setPixel(x, y, ((x * 9 + z) % 256 << 16) + ((y * 5) % 256 << 8) + (x * y + z * 50) % 256);
}
saveAs("Tiff", dir + "/imagej_real_rgb.tif");
close();
newImage("f", "32-bit black", 29, 37, 3);
for (z = 1; z <= 3; z++) {
  setSlice(z);
  for (y = 0; y < 37; y++) for (x = 0; x < 29; x++) setPixel(x, y, x * 0.5 - y * 1.25 + z * 100);
}
setVoxelSize(0.1, 0.1, 0.3, "mm");
saveAs("Tiff", dir + "/imagej_real_f32.tif");
close();
"""
macro_file = os.path.join(tmp, "fixtures.ijm")
with open(macro_file, "w") as f:
    f.write(macro)
subprocess.run(["xvfb-run", "-a", "java", "-Xmx1g", "-cp", "/usr/share/java/ij.jar", "ij.ImageJ", "-batch", macro_file, HERE],
               check=True, timeout=300)

t, z, c, y, x = np.meshgrid(np.arange(1, 3), np.arange(1, 4), np.arange(1, 3), np.arange(H), np.arange(W), indexing="ij")
hs = ((x * 7 + y * 131 + c * 101 + z * 1009 + t * 3001) % 65536).astype("u2")
assert np.array_equal(tifffile.imread(path("imagej_real_hyperstack.tif")), hs)
expect("imagej_real_hyperstack.tif", hs, "tzcyx", cal(0.5, 0.25, 2.0, "micron", 1.5, "sec"), note="ImageJ 1.53t, big-endian")

z, y, x = np.meshgrid(np.arange(1, 3), np.arange(H), np.arange(W), indexing="ij")
rgb = np.stack([(x * 9 + z) % 256, (y * 5) % 256, (x * y + z * 50) % 256], axis=1).astype("u1")
assert np.array_equal(tifffile.imread(path("imagej_real_rgb.tif")).transpose(0, 3, 1, 2), rgb)
expect("imagej_real_rgb.tif", rgb, "zcyx", note="ImageJ RGB stack")

z, y, x = np.meshgrid(np.arange(1, 4), np.arange(H), np.arange(W), indexing="ij")
f32 = (x * 0.5 - y * 1.25 + z * 100).astype("f4")
assert np.array_equal(tifffile.imread(path("imagej_real_f32.tif")), f32)
expect("imagej_real_f32.tif", f32, "zyx", cal(0.1, 0.1, 0.3, "mm"), note="ImageJ float, unit mm")

with open(path("manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
    f.write("\n")
print(len(manifest), "fixtures")
