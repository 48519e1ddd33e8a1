"""Writes PNG fixtures into the folder given as argv[1], with two independent encoders: PIL, and the small
zlib/struct encoder below (for what PIL cannot write: 2/4-bit gray, 16-bit colour, Adam7 interlacing,
every filter type, many small IDAT chunks).

For every NAME.png, NAME.raw holds the expected samples channels-first (c, y, x; gray: y, x), uint8 or
little-endian uint16, and manifest.txt has "NAME<TAB>dtype<TAB>shape<TAB>axes". Gray samples below 8 bits are
expected as stored (0..2^bits-1). Wherever PIL can decode a file, its decoding is checked against the
expectation here, so the two encoders cross-check each other. Deterministic: fixed seed.
"""
import os
import struct
import sys
import zlib

import numpy as np
from PIL import Image

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def pack_row(samples, bits):
    """samples: 1-D array of sample values of one scanline, interleaved."""
    if bits == 16:
        return samples.astype(">u2").tobytes()
    if bits == 8:
        return samples.astype(np.uint8).tobytes()
    out = bytearray((len(samples) * bits + 7) // 8)
    for i, v in enumerate(samples):
        bit = i * bits
        out[bit >> 3] |= int(v) << (8 - bits - (bit & 7))
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_row(kind, row, prev, bpp):
    out = bytearray(len(row))
    for i in range(len(row)):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out[i] = (row[i] - pred) & 0xFF
    return bytes([kind]) + bytes(out)


def encode(pixels, bits, color_type, interlace=False, palette=None, trns=None, idat_size=40, filters=(0, 1, 2, 3, 4)):
    """pixels: (h, w, channels) array of stored sample values (palette indices for colour type 3)."""
    h, w, ch = pixels.shape
    bpp = max(1, ch * bits // 8)
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    row_index = 0
    for x0, y0, dx, dy in passes:
        sub = pixels[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        prev = bytes(len(pack_row(sub[0].reshape(-1), bits)))
        for r in range(sub.shape[0]):
            row = pack_row(sub[r].reshape(-1), bits)
            raw += filter_row(filters[row_index % len(filters)], row, prev, bpp)
            row_index += 1
            prev = row
    data = zlib.compress(bytes(raw), 9)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, bits, color_type, 0, 0, 1 if interlace else 0))
    out += chunk(b"tEXt", b"Comment\x00made by make_fixtures.py")
    if palette is not None:
        out += chunk(b"PLTE", bytes(np.asarray(palette, dtype=np.uint8).reshape(-1)))
    if trns is not None:
        out += chunk(b"tRNS", bytes(trns))
    for i in range(0, len(data), idat_size):
        out += chunk(b"IDAT", data[i:i + idat_size])
    return out + chunk(b"IEND", b"")


def read_raw(path):
    """Decodes a non-interlaced 8/16-bit gray, RGB or RGBA PNG with zlib alone; returns (h, w, c) samples."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while True:
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        if kind == b"IHDR":
            w, h, bits, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert interlace == 0
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    ch = {0: 1, 2: 3, 6: 4}[ctype]
    bpp = ch * bits // 8
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]) & 0xFF
        rows.append(bytes(row))
        prev = row
    dtype = ">u2" if bits == 16 else np.uint8
    return np.frombuffer(b"".join(rows), dtype=dtype).reshape(h, w, ch)


def main(out):
    rng = np.random.default_rng(20261122)
    manifest = []

    def expect(name, hwc, dtype):
        """Records the expected samples of NAME.png, given as (h, w, c)."""
        chw = np.ascontiguousarray(np.transpose(hwc, (2, 0, 1)).astype(dtype))
        if chw.shape[0] == 1:
            chw, axes = chw[0], "yx"
        else:
            axes = "cyx"
        with open(os.path.join(out, name + ".raw"), "wb") as f:
            f.write(chw.astype("<u2" if dtype == np.uint16 else np.uint8).tobytes())
        manifest.append(f"{name}\t{'uint16' if dtype == np.uint16 else 'uint8'}\t{','.join(map(str, chw.shape))}\t{axes}")

    def pil_check(name, hwc, mode=None):
        im = Image.open(os.path.join(out, name + ".png"))
        if mode:
            im = im.convert(mode)
        got = np.asarray(im)
        got = got.reshape(got.shape[0], got.shape[1], -1)
        assert np.array_equal(got.astype(np.int64), hwc.astype(np.int64)), name

    def pil_save(name, im, **options):
        im.save(os.path.join(out, name + ".png"), **options)

    def own_save(name, data):
        with open(os.path.join(out, name + ".png"), "wb") as f:
            f.write(data)

    # PIL-written files.
    g1 = rng.integers(0, 2, (13, 21)).astype(np.uint8)
    pil_save("pil_gray1", Image.fromarray(g1 * 255).convert("1"))
    expect("pil_gray1", g1[..., None], np.uint8)
    pil_check("pil_gray1", g1[..., None] * 255, "L")

    g8 = rng.integers(0, 256, (17, 23)).astype(np.uint8)
    pil_save("pil_gray8", Image.fromarray(g8))
    expect("pil_gray8", g8[..., None], np.uint8)

    g16 = rng.integers(0, 65536, (11, 19)).astype(np.uint16)
    im16 = Image.fromarray(g16)
    assert im16.mode == "I;16", im16.mode
    pil_save("pil_gray16", im16)
    expect("pil_gray16", g16[..., None], np.uint16)
    pil_check("pil_gray16", g16[..., None])

    for mode, ch in [("LA", 2), ("RGB", 3), ("RGBA", 4)]:
        a = rng.integers(0, 256, (9, 14, ch)).astype(np.uint8)
        pil_save(f"pil_{mode.lower()}", Image.fromarray(a, mode))
        expect(f"pil_{mode.lower()}", a, np.uint8)
        pil_check(f"pil_{mode.lower()}", a)

    palette = rng.integers(0, 256, (256, 3)).astype(np.uint8)
    for bits, colors in [(8, 200), (4, 16), (2, 4), (1, 2)]:
        idx = rng.integers(0, colors, (10, 15)).astype(np.uint8)
        im = Image.fromarray(idx, "P")
        im.putpalette(bytes(palette[:colors].reshape(-1)))
        name = f"pil_palette{bits}"
        pil_save(name, im, bits=bits)
        expect(name, palette[idx], np.uint8)
        pil_check(name, palette[idx], "RGB")

    idx = rng.integers(0, 16, (12, 7)).astype(np.uint8)
    im = Image.fromarray(idx, "P")
    im.putpalette(bytes(palette[:16].reshape(-1)))
    alpha = rng.integers(0, 256, 10).astype(np.uint8)
    pil_save("pil_palette_trns", im, transparency=bytes(alpha))
    full_alpha = np.concatenate([alpha, np.full(246, 255, np.uint8)])
    rgba = np.concatenate([palette[idx], full_alpha[idx][..., None]], axis=2)
    expect("pil_palette_trns", rgba, np.uint8)
    pil_check("pil_palette_trns", rgba, "RGBA")

    # Own encoder: every filter type (rows cycle 0..4), 40-byte IDAT chunks, an ancillary tEXt chunk.
    for bits in (1, 2, 4, 8, 16):
        dtype = np.uint16 if bits == 16 else np.uint8
        for interlace in (False, True):
            a = rng.integers(0, 1 << bits, (11, 13, 1)).astype(dtype)
            name = f"own_gray{bits}{'_adam7' if interlace else ''}"
            own_save(name, encode(a, bits, 0, interlace))
            expect(name, a, dtype)
            if bits >= 8:
                pil_check(name, a)
            else:
                pil_check(name, a * (255 // ((1 << bits) - 1)), "L")
    for ctype, ch in [(4, 2), (2, 3), (6, 4)]:
        for bits in (8, 16):
            dtype = np.uint16 if bits == 16 else np.uint8
            for interlace in (False, True):
                a = rng.integers(0, 1 << bits, (10, 9, ch)).astype(dtype)
                name = f"own_c{ch}_{bits}{'_adam7' if interlace else ''}"
                own_save(name, encode(a, bits, ctype, interlace))
                expect(name, a, dtype)
                if bits == 8:
                    pil_check(name, a)
    for bits in (1, 2, 4, 8):
        for interlace in (False, True):
            colors = min(1 << bits, 100)
            idx = rng.integers(0, colors, (9, 17, 1)).astype(np.uint8)
            trns = list(range(0, 256, 37))[: min(colors, 5)]
            name = f"own_palette{bits}_trns{'_adam7' if interlace else ''}"
            own_save(name, encode(idx, bits, 3, interlace, palette=palette[:colors], trns=trns))
            full_alpha = np.array(trns + [255] * (256 - len(trns)), dtype=np.uint8)
            rgba = np.concatenate([palette[idx[..., 0]], full_alpha[idx[..., 0]][..., None]], axis=2)
            expect(name, rgba, np.uint8)
            pil_check(name, rgba, "RGBA")
    # Tiny and odd sizes, where some Adam7 passes are empty.
    for h, w in [(1, 1), (1, 9), (3, 2), (5, 5)]:
        a = rng.integers(0, 256, (h, w, 3)).astype(np.uint8)
        name = f"own_rgb_adam7_{h}x{w}"
        own_save(name, encode(a, 8, 2, True))
        expect(name, a, np.uint8)
        pil_check(name, a)

    # One filter type on every row of a larger image, so rare predictor ties (Paeth) are exercised.
    for kind, label in [(1, "sub"), (2, "up"), (3, "average"), (4, "paeth")]:
        a = rng.integers(0, 256, (48, 64, 3)).astype(np.uint8)
        name = f"own_rgb8_{label}_rows"
        own_save(name, encode(a, 8, 2, filters=(kind,), idat_size=4096))
        expect(name, a, np.uint8)
        pil_check(name, a)

    with open(os.path.join(out, "manifest.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
