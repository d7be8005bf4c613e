#!/usr/bin/env python3
"""Draws bench/growth/run.sh's table as a log-log SVG: each cost against the data size (rows), one line per cost,
with a dotted line of slope 1 (cost proportional to the data) for comparison. Standard library only.
usage: plot.py growth.tsv growth.svg"""
import csv
import math
import sys

SERIES = [  # column, label, colour
    ("search_ms", "contact search p50 (ms)", "#1b6ca8"),
    ("contacts_ms", "contacts page p50, default order (ms)", "#0e9aa7"),
    ("organisations_ms", "organisations page p50 (ms)", "#2e8b57"),
    ("national_list_ms", "national contact list page p50 (ms)", "#8a5a00"),
    ("report_cold_ms", "mapping report, first after a change (ms)", "#b22222"),
    ("report_warm_ms", "mapping report, repeated (ms)", "#e07b7b"),
    ("import_us_per_row", "import per row (µs)", "#6a3d9a"),
    ("peak_rss_mb", "server peak RSS (MB)", "#555555"),
]

rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"))
xs = [float(r["rows"]) for r in rows]
values = [float(r[c]) for r in rows for c, _, _ in SERIES if float(r[c]) > 0]
x0, x1 = 10 ** math.floor(math.log10(min(xs))), 10 ** math.ceil(math.log10(max(xs)))
y0, y1 = 10 ** math.floor(math.log10(min(values))), 10 ** math.ceil(math.log10(max(values)))
W, H, L, R, T, B = 900, 560, 70, 330, 30, 50


def px(x):
    return L + (math.log10(x) - math.log10(x0)) / (math.log10(x1) - math.log10(x0)) * (W - L - R)


def py(y):
    return H - B - (math.log10(y) - math.log10(y0)) / (math.log10(y1) - math.log10(y0)) * (H - T - B)


out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>']
for e in range(int(math.log10(x0)), int(math.log10(x1)) + 1):
    x = px(10 ** e)
    out.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#ddd"/>')
    out.append(f'<text x="{x:.1f}" y="{H - B + 16}" text-anchor="middle">{10 ** e:,}</text>')
for e in range(int(math.log10(y0)), int(math.log10(y1)) + 1):
    y = py(10 ** e)
    out.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{L - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g}</text>')
out.append(f'<text x="{(L + W - R) / 2}" y="{H - 12}" text-anchor="middle">rows imported (log)</text>')
out.append(f'<text x="16" y="{(T + H - B) / 2}" transform="rotate(-90 16 {(T + H - B) / 2})" text-anchor="middle">cost (log; unit per line)</text>')
# Slope 1 through the first point of the cold report: what "grows with the data" looks like.
first = float(rows[0]["report_cold_ms"])
out.append(f'<line x1="{px(xs[0]):.1f}" y1="{py(first):.1f}" x2="{px(xs[-1]):.1f}" y2="{py(first * xs[-1] / xs[0]):.1f}" '
           'stroke="#999" stroke-dasharray="3 4"/>')
for i, (column, label, colour) in enumerate(SERIES):
    points = [(px(x), py(float(r[column]))) for x, r in zip(xs, rows) if float(r[column]) > 0]
    out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in points)}"/>')
    out += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>' for a, b in points]
    ly = T + 10 + i * 20
    out.append(f'<line x1="{W - R + 15}" y1="{ly}" x2="{W - R + 40}" y2="{ly}" stroke="{colour}" stroke-width="2"/>')
    out.append(f'<text x="{W - R + 46}" y="{ly + 4}">{label}</text>')
ly = T + 10 + len(SERIES) * 20
out.append(f'<line x1="{W - R + 15}" y1="{ly}" x2="{W - R + 40}" y2="{ly}" stroke="#999" stroke-dasharray="3 4"/>')
out.append(f'<text x="{W - R + 46}" y="{ly + 4}">proportional to the data (slope 1)</text>')
out.append("</svg>")
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
