#!/usr/bin/env bash
# Whole-process search of a generated member list: citynet against fzf over the same names.
#
#   tools/bench/vs-fzf.sh                      # 10k, 100k, 250k and 1M members, 5 runs each
#   RUNS=9 SIZES="250000" tools/bench/vs-fzf.sh
#   QUERY=ber tools/bench/vs-fzf.sh
#
# Each size: the generator (examples/generate.rs, fixed seed) writes a RON dataset, and the
# names fzf reads are taken from it (each member's name and other names, one member a
# line). Then, alternating, `citynet --data F members synthetic --search Q --format csv`
# and `fzf --filter Q` run RUNS times each under /usr/bin/time -v. Printed per size: the
# median wall time, its spread (lowest-highest), the ratio citynet/fzf of the medians, the
# median peak memory (max RSS), and the load average before and after, since the machine
# may be shared. Output lines starting with `|` form a Markdown table.
set -euo pipefail

cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
SIZES=${SIZES:-"10000 100000 250000 1000000"}
QUERY=${QUERY:-berl}
DIR=${BENCH_DIR:-target/bench-data}
EXTRA=${CITYNET_ARGS:-}

if ! command -v fzf >/dev/null; then
    echo "fzf is not installed; installing it from the distribution's packages" >&2
    if command -v apt-get >/dev/null; then
        apt-get install -y fzf >/dev/null || { apt-get update >/dev/null && apt-get install -y fzf >/dev/null; }
    else
        echo "cannot install fzf here: install it and run again" >&2
        exit 1
    fi
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time; Debian: apt-get install time)" >&2; exit 1; }

cargo build --release --quiet --bin citynet --example generate
BIN=target/release/citynet
mkdir -p "$DIR"

# One run of a command: prints "seconds kib" (wall clock, from before the fork to after the
# exit, in nanoseconds; max resident set, as /usr/bin/time reports it).
measure() {
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$DIR/time.txt" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    awk -v a="$start" -v b="$end" -v r="$(tail -n 1 "$DIR/time.txt")" 'BEGIN { printf "%.4f %d\n", (b - a) / 1e9, r }'
}

# median, lowest and highest of the numbers on stdin.
stats() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'; }

ms() { awk -v s="$1" 'BEGIN { printf (s < 1 ? "%.0f ms" : "%.2f s"), (s < 1 ? s * 1000 : s) }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

echo "citynet $($BIN --version | awk '{print $2}'), fzf $(fzf --version | awk '{print $1}'), query '$QUERY', $RUNS runs each, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "| members | citynet median (spread) | fzf median (spread) | ratio | peak memory citynet / fzf | load before / after |"
echo "| ---: | ---: | ---: | ---: | ---: | --- |"
for n in $SIZES; do
    data="$DIR/members-$n.ron"
    names="$DIR/names-$n.txt"
    [ -s "$data" ] || target/release/examples/generate "$n" > "$data"
    # The names citynet searches (name and other names), one member a line.
    [ -s "$names" ] || $BIN --data "$data" members synthetic --format json --raw \
        | python3 -c 'import json,sys; [print("\t".join([m["city"]] + (m.get("aka") or []))) for m in json.load(sys.stdin)]' > "$names"
    before=$(cut -d' ' -f1 /proc/loadavg)
    ct=(); cm=(); ft=(); fm=()
    for ((i = 0; i < RUNS; i++)); do
        # shellcheck disable=SC2086
        read -r t m < <(measure $BIN --data "$data" $EXTRA members synthetic --search "$QUERY" --format csv)
        ct+=("$t"); cm+=("$m")
        read -r t m < <(measure sh -c "exec fzf --filter '$QUERY' < '$names'")
        ft+=("$t"); fm+=("$m")
    done
    after=$(cut -d' ' -f1 /proc/loadavg)
    read -r cmed clo chi < <(printf '%s\n' "${ct[@]}" | stats)
    read -r fmed flo fhi < <(printf '%s\n' "${ft[@]}" | stats)
    read -r cmem _ _ < <(printf '%s\n' "${cm[@]}" | stats)
    read -r fmem _ _ < <(printf '%s\n' "${fm[@]}" | stats)
    ratio=$(awk -v a="$cmed" -v b="$fmed" 'BEGIN { printf "%.2f", a / b }')
    echo "| $n | $(ms "$cmed") ($(ms "$clo")–$(ms "$chi")) | $(ms "$fmed") ($(ms "$flo")–$(ms "$fhi")) | $ratio | $(mib "$cmem") / $(mib "$fmem") MiB | $before / $after |"
done
