#!/usr/bin/env bash
# Writes the README's performance figures from a fresh run, so that they cannot drift
# from what the benchmarks measure:
#
#   tools/bench/readme.sh                   # the benches below, then vs-fzf.sh; rewrites README.md
#   BENCH_FILTER='^keystroke/' tools/bench/readme.sh
#   REUSE=1 tools/bench/readme.sh           # rewrite from the last run's outputs, measure nothing
#
# 1. `cargo bench --bench scale -- "$BENCH_FILTER"`, whose main prints the machine's load and
#    writes each step's median and lowest/highest sample to target/criterion/summary.tsv;
# 2. tools/bench/vs-fzf.sh (citynet against fzf over the same names, whole process);
# 3. the part of README.md between the `bench:begin` and `bench:end` markers is replaced by
#    both tables, with the date, the commit and the load.
set -euo pipefail

cd "$(dirname "$0")/../.."
FILTER=${BENCH_FILTER:-'^(load|first_frame|keystroke|query_language|jump|covenant)/'}
out=target/bench-readme
mkdir -p "$out"

load() { cut -d' ' -f1-3 /proc/loadavg; }
if [ -z "${REUSE:-}" ]; then
    echo "load before: $(load)" >&2
    cargo bench --bench scale -- "$FILTER" 2>&1 | tee "$out/bench.txt" >&2
    cp target/criterion/summary.tsv "$out/summary.tsv"
    git rev-parse --short HEAD > "$out/commit"
    echo "load after the benches: $(load)" >&2
    tools/bench/vs-fzf.sh | tee "$out/vs-fzf.txt" >&2
fi

python3 - "$out" <<'PY'
import re, os, sys, datetime

out = sys.argv[1]
rows = {}
sizes = set()
for line in open(f"{out}/summary.tsv").read().splitlines()[1:]:
    ident, median, low, high = line.split("\t")
    step, _, size = ident.rpartition("/")
    # `load/202-from-ron`: the size, then what differs.
    m = re.fullmatch(r"(\d+)-(.+)", size)
    if m:
        step, size = f"{step}/{m.group(2)}", m.group(1)
    if not size.isdigit():
        step, size = ident, ""
    sizes.add(size)
    rows.setdefault(step, {})[size] = (float(median), float(low), float(high))

def t(ns):
    if ns >= 1e9: return f"{ns / 1e9:.2f} s"
    if ns >= 1e6: return f"{ns / 1e6:.1f} ms" if ns >= 1e7 else f"{ns / 1e6:.2f} ms"
    return f"{ns / 1e3:.0f} µs"

def cell(v):
    return f"{t(v[0])} ({t(v[1])}–{t(v[2])})" if v else ""

order = sorted((s for s in sizes if s), key=int)
bench = open(f"{out}/bench.txt").read()
loads = re.findall(r"machine: (.*)", bench)
fzf = open(f"{out}/vs-fzf.txt").read().strip()
commit = open(f"{out}/commit").read().strip()
when = datetime.datetime.fromtimestamp(os.path.getmtime(f"{out}/summary.tsv"), datetime.timezone.utc)
lines = [
    "<!-- bench:begin (written by tools/bench/readme.sh; do not edit by hand) -->",
    f"Measured {when:%Y-%m-%d %H:%M} UTC at commit `{commit}`, "
    f"release build, 120×40 screen; {loads[0] if loads else 'load unknown'} before, "
    f"{loads[-1].split('load average ')[-1] if loads else '?'} after.",
    "Each cell: criterion's median per step, then the lowest and highest of its samples.",
    "",
    "| step | " + " | ".join(f"{int(s):,} members" for s in order) + " |",
    "| --- | " + " | ".join("---:" for _ in order) + " |",
]
for step in sorted(rows):
    lines.append(f"| `{step}` | " + " | ".join(cell(rows[step].get(s)) for s in order) + " |")
lines += ["", "Whole process against fzf (`tools/bench/vs-fzf.sh`), medians and spread:", "", fzf,
          "<!-- bench:end -->"]
readme = open("README.md").read()
new = re.sub(r"<!-- bench:begin.*?<!-- bench:end -->", "\n".join(lines), readme, flags=re.S)
if new == readme and "<!-- bench:begin" not in readme:
    sys.exit("README.md has no bench:begin / bench:end markers")
open("README.md", "w").write(new)
print("README.md: performance figures rewritten", file=sys.stderr)
PY
