#!/usr/bin/env python3
"""Draws build/icon.png (1024x1024): three layers of nodes wired together on a rounded dark tile.

Pure standard library (zlib + struct) so it runs anywhere; electron-builder derives the .icns/.ico
and Linux sizes from this one PNG. Re-run after changing the design: python3 build/make-icon.py
"""
import math
import os
import struct
import zlib

SIZE = 1024
BG = (24, 28, 40)
WIRE = (110, 168, 254)
NODE = (255, 255, 255)
ACCENT = (255, 184, 76)

layers = [[0.3, 0.5, 0.7], [0.22, 0.41, 0.59, 0.78], [0.5]]
xs = [0.24, 0.5, 0.76]
nodes = [(xs[i] * SIZE, y * SIZE) for i, layer in enumerate(layers) for y in layer]
wires = [
    ((xs[i] * SIZE, a * SIZE), (xs[i + 1] * SIZE, b * SIZE))
    for i in range(len(layers) - 1)
    for a in layers[i]
    for b in layers[i + 1]
]
R_NODE, R_TILE, W_WIRE = 46.0, 190.0, 9.0


def seg_dist(px, py, a, b):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def tile_alpha(x, y):
    # Rounded square: distance outside the inner rectangle, anti-aliased over one pixel.
    m = 40 + R_TILE
    qx = max(m - x, 0, x - (SIZE - m))
    qy = max(m - y, 0, y - (SIZE - m))
    return max(0.0, min(1.0, R_TILE - math.hypot(qx, qy) + 0.5))


def blend(dst, src, a):
    return tuple(d + (s - d) * a for d, s in zip(dst, src))


rows = []
for y in range(SIZE):
    row = bytearray([0])  # PNG filter type 0 per scanline
    cy = y + 0.5
    for x in range(SIZE):
        cx = x + 0.5
        a = tile_alpha(cx, cy)
        if a == 0.0:
            row += b"\0\0\0\0"
            continue
        c = BG
        w = min(seg_dist(cx, cy, p, q) for p, q in wires)
        c = blend(c, WIRE, max(0.0, min(1.0, W_WIRE / 2 - w + 0.5)) * 0.85)
        for i, (nx, ny) in enumerate(nodes):
            d = math.hypot(cx - nx, cy - ny)
            if d < R_NODE + 1:
                c = blend(c, ACCENT if i == len(nodes) - 1 else NODE, max(0.0, min(1.0, R_NODE - d + 0.5)))
        row += bytes((round(c[0]), round(c[1]), round(c[2]), round(a * 255)))
    rows.append(bytes(row))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


png = b"\x89PNG\r\n\x1a\n"
png += chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
png += chunk(b"IEND", b"")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
with open(out, "wb") as f:
    f.write(png)
print(f"wrote {out} ({len(png)} bytes)")
