"""Writes .npy fixtures with numpy (the oracle) into the folder given as argv[1].

For every file NAME.npy that numpy can read, NAME.raw holds the expected element bytes (C order,
little-endian) and manifest.txt has a line "NAME<TAB>ok<TAB>dtype<TAB>shape". Files we must refuse have
"NAME<TAB>err<TAB>text the error message must contain". Deterministic: fixed seed, run by the tests.
"""
import io
import os
import struct
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(20261122)
manifest = []

DTYPES = ["?", "u1", "i1", "u2", "i2", "u4", "i4", "i8", "f4", "f8"]
NAMES = {"?": "bool", "u1": "uint8", "i1": "int8", "u2": "uint16", "i2": "int16", "u4": "uint32",
         "i4": "int32", "i8": "int64", "f4": "float32", "f8": "float64"}


def values(code, shape):
    n = int(np.prod(shape))
    if code == "?":
        a = rng.integers(0, 2, n).astype(bool)
    elif code[0] in "ui":
        info = np.iinfo(np.dtype(code))
        a = rng.integers(info.min, info.max, n, dtype=np.dtype(code), endpoint=True)
    else:
        a = rng.standard_normal(n).astype(code) * 1000
        if n >= 4:
            a[:4] = [np.nan, np.inf, -np.inf, -0.0]
    return a.reshape(shape)


def expected(name, a):
    le = a.dtype.newbyteorder("<") if a.dtype.itemsize > 1 else a.dtype
    with open(os.path.join(out, name + ".raw"), "wb") as f:
        f.write(np.ascontiguousarray(a, dtype=le).tobytes(order="C"))
    manifest.append(f"{name}\tok\t{NAMES[code_of(a)]}\t{','.join(map(str, a.shape))}")


def code_of(a):
    return "?" if a.dtype == bool else a.dtype.kind + str(a.dtype.itemsize)


def save(name, a, version=None):
    with open(os.path.join(out, name + ".npy"), "wb") as f:
        np.lib.format.write_array(f, a, version=version)
    back = np.load(os.path.join(out, name + ".npy"))
    assert back.dtype == a.dtype and back.shape == a.shape and np.array_equal(back, a, equal_nan=a.dtype.kind == "f")
    expected(name, a)


def custom(name, header, a, version=(1, 0)):
    """A file with a hand-written header; numpy must accept it, so it is a valid npy file."""
    text = header.encode("utf-8" if version[0] == 3 else "latin1")
    prelude = 10 if version[0] == 1 else 12
    pad = (-(prelude + len(text) + 1)) % 64
    text = text + b" " * pad + b"\n"
    length = struct.pack("<H", len(text)) if version[0] == 1 else struct.pack("<I", len(text))
    data = b"\x93NUMPY" + bytes(version) + length + text + a.tobytes(order="F" if "True" in header else "C")
    with open(os.path.join(out, name + ".npy"), "wb") as f:
        f.write(data)
    back = np.load(io.BytesIO(data))
    assert back.dtype == a.dtype and back.shape == a.shape and np.array_equal(back, a), name
    expected(name, a)


def refused(name, data, message):
    with open(os.path.join(out, name + ".npy"), "wb") as f:
        f.write(data)
    manifest.append(f"{name}\terr\t{message}")


# Every dtype in both byte orders (one-byte types have no byte order).
for code in DTYPES:
    orders = "<>" if np.dtype(code).itemsize > 1 else "|"
    for order in orders:
        a = values(code, (3, 4, 5)).astype(np.dtype(code).newbyteorder(order) if order != "|" else code)
        save(f"dtype_{NAMES[code]}_{'le' if order == '<' else 'be' if order == '>' else 'na'}", a)

# Fortran order, several ranks, both byte orders.
for code, shape, order in [("f4", (5, 7), "<"), ("i2", (2, 3, 4), ">"), ("u1", (2, 1, 3, 4, 5), "|"),
                           ("f8", (3, 2, 4, 5), ">"), ("?", (4, 6), "|"), ("i8", (7,), "<")]:
    dt = np.dtype(code).newbyteorder(order) if order != "|" else np.dtype(code)
    a = np.asfortranarray(values(code, shape).astype(dt))
    save(f"fortran_{NAMES[code]}_rank{len(shape)}", a)

# Versions 2.0 and 3.0.
save("version2_float32", values("f4", (4, 6)), version=(2, 0))
save("version3_int16_be", values("i2", (2, 3, 5)).astype(">i2"), version=(3, 0))
save("version3_fortran_uint16", np.asfortranarray(values("u2", (3, 4, 2))), version=(3, 0))

# Ranks 0, 1, 2, 5 and empty arrays.
save("rank0_float64", np.array(3.25))
save("rank0_bool", np.array(True))
save("rank1_int32", values("i4", (17,)))
save("rank2_uint8", values("u1", (9, 11)))
save("rank5_float32", values("f4", (2, 1, 3, 4, 5)))
save("empty_rank1", np.zeros((0,), dtype="f4"))
save("empty_rank3", np.zeros((2, 0, 3), dtype="u2"))

# Headers as other writers (or people) produce them: any key order, spacing, trailing commas, Python 2 longs.
small = values("i4", (2, 3))
custom("header_reordered", "{'shape': (2, 3), 'fortran_order': False, 'descr': '<i4'}", small)
custom("header_spaces", "{ 'descr' :'<i4' ,'fortran_order':False,'shape':( 2 , 3 , ) , }", small)
custom("header_double_quotes", '{"descr": "<i4", "fortran_order": False, "shape": (2, 3)}', small)
custom("header_py2_long", "{'descr': '<i4', 'fortran_order': False, 'shape': (2L, 3L), }", small)
custom("header_native_order", "{'descr': '=i4', 'fortran_order': False, 'shape': (2, 3), }", small)
custom("header_fortran_custom", "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }", np.asfortranarray(small))
custom("header_version3_utf8", "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", small, version=(3, 0))

# Unsupported dtypes: numpy writes them, we refuse them with a clear message.
for name, a, message in [
    ("unsupported_complex64", np.zeros(3, dtype="<c8"), "dtype '<c8' is not supported"),
    ("unsupported_float16", np.zeros(3, dtype="<f2"), "dtype '<f2' is not supported"),
    ("unsupported_uint64", np.zeros(3, dtype="<u8"), "dtype '<u8' is not supported"),
    ("unsupported_unicode", np.array(["ab"]), "dtype '<U2' is not supported"),
    ("unsupported_structured", np.zeros(2, dtype=[("a", "<i4"), ("b", "<f4")]), "structured dtype is not supported"),
]:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, a)
    refused(name, buf.getvalue(), message)
buf = io.BytesIO()
np.lib.format.write_array(buf, np.array([{"a": 1}], dtype=object), allow_pickle=True)
refused("unsupported_object", buf.getvalue(), "dtype '|O' is not supported")

# Malformed files.
good = io.BytesIO()
np.lib.format.write_array(good, values("f4", (4, 4)))
good = good.getvalue()
refused("bad_magic", b"\x93NUMPZ" + good[6:], "magic")
refused("bad_version", good[:6] + b"\x04\x00" + good[8:], "version 4.0")
refused("truncated_data", good[:-10], "truncated")
refused("truncated_header", good[:40], "header")
refused("empty_file", b"", "preamble")
refused("shape_negative", good.replace(b"(4, 4)", b"(4,-4)"), "shape entry 1")
refused("shape_not_tuple", good.replace(b"(4, 4)", b"[4, 4]"), "not a tuple")
refused("missing_key", good.replace(b"'fortran_order': False, ", b"                        "), "fortran_order")
refused("unterminated_dict", good.replace(b"}", b" "), "malformed npy header")
refused("extra_key", good.replace(b"'shape'", b"'shapf'"), "unexpected key")

with open(os.path.join(out, "manifest.txt"), "w") as f:
    f.write("\n".join(manifest) + "\n")
