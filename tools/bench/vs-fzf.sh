#!/usr/bin/env bash
# Whole-process search of a generated member list: citynet against fzf over the same names.
#
#   tools/bench/vs-fzf.sh                      # 10k, 100k, 250k and 1M members, 5 runs each
#   RUNS=9 SIZES="250000" tools/bench/vs-fzf.sh
#   QUERY=ber tools/bench/vs-fzf.sh
#
# Each size: the generator (examples/generate.rs, fixed seed) writes a RON dataset, and the
# names fzf reads are taken from it (each member's name and other names, one member a
# line). Then, alternating, RUNS times each: `citynet --data F --no-cache members synthetic
# --search Q --format csv` (a first load: parse and validate), `fzf --filter Q`, the same
# citynet command with an empty cache (a person's first load, which also writes the parsed
# copy citynet keeps of a large file), and reading that copy (every later load). Printed per size: the median wall time and its spread (lowest-highest), the
# ratios of the medians to fzf's, the median peak memory (max RSS) and CPU time (user + system) from /usr/bin/time,
# and the load average before and after, since the machine may be shared. Then `citynet
# city geneva` on the embedded data. Lines starting with `|` form a Markdown table.
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

# One run of a command: prints "seconds kib cpu" (wall clock, from before the fork to after
# the exit, in nanoseconds; max resident set and user + system seconds, as /usr/bin/time
# reports them). On a busy machine the CPU time says what the wall time cannot: how much
# work the run was.
measure() {
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$DIR/time.txt" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    tail -n 1 "$DIR/time.txt" | awk -v a="$start" -v b="$end" '{ printf "%.4f %d %.2f\n", (b - a) / 1e9, $1, $2 + $3 }'
}

# median, lowest and highest of the numbers on stdin.
stats() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'; }

ms() { awk -v s="$1" 'BEGIN { printf (s < 1 ? "%.0f ms" : "%.2f s"), (s < 1 ? s * 1000 : s) }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# The parsed copies citynet keeps of large files go here, not into the user's cache.
export XDG_CACHE_HOME="$PWD/$DIR/cache"

echo "citynet $($BIN --version | awk '{print $2}'), fzf $(fzf --version | awk '{print $1}'), query '$QUERY', $RUNS runs each, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| members | citynet, first load (--no-cache) | citynet, first load writing its cached copy | citynet, cached | fzf --filter | ratio to fzf: first / writing / cached | peak memory: first / writing / cached / fzf | CPU time: first / writing / cached / fzf | load before / after |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for n in $SIZES; do
    data="$DIR/members-$n.ron"
    names="$DIR/names-$n.txt"
    [ -s "$data" ] || target/release/examples/generate "$n" > "$data"
    # The names citynet searches (name and other names), one member a line.
    [ -s "$names" ] || $BIN --data "$data" --no-cache members synthetic --format json --raw \
        | python3 -c 'import json,sys; [print("\t".join([m["city"]] + (m.get("aka") or []))) for m in json.load(sys.stdin)]' > "$names"
    # One run to write the cached copy the cached runs read.
    $BIN --data "$data" members synthetic --search "$QUERY" --format csv > /dev/null
    before=$(cut -d' ' -f1 /proc/loadavg)
    nt=(); nm=(); nu=(); wt=(); wm=(); wu=(); ct=(); cm=(); cu=(); ft=(); fm=(); fu=()
    for ((i = 0; i < RUNS; i++)); do
        # shellcheck disable=SC2086
        read -r t m u < <(measure $BIN --data "$data" --no-cache $EXTRA members synthetic --search "$QUERY" --format csv)
        nt+=("$t"); nm+=("$m"); nu+=("$u")
        read -r t m u < <(measure sh -c "exec fzf --filter '$QUERY' < '$names'")
        ft+=("$t"); fm+=("$m"); fu+=("$u")
        rm -rf "$DIR/cache-empty"
        # shellcheck disable=SC2086
        read -r t m u < <(XDG_CACHE_HOME="$PWD/$DIR/cache-empty" measure $BIN --data "$data" $EXTRA members synthetic --search "$QUERY" --format csv)
        wt+=("$t"); wm+=("$m"); wu+=("$u")
        # shellcheck disable=SC2086
        read -r t m u < <(measure $BIN --data "$data" $EXTRA members synthetic --search "$QUERY" --format csv)
        ct+=("$t"); cm+=("$m"); cu+=("$u")
    done
    after=$(cut -d' ' -f1 /proc/loadavg)
    read -r nmed nlo nhi < <(printf '%s\n' "${nt[@]}" | stats)
    read -r wmed wlo whi < <(printf '%s\n' "${wt[@]}" | stats)
    read -r cmed clo chi < <(printf '%s\n' "${ct[@]}" | stats)
    read -r fmed flo fhi < <(printf '%s\n' "${ft[@]}" | stats)
    read -r nmem _ _ < <(printf '%s\n' "${nm[@]}" | stats)
    read -r wmem _ _ < <(printf '%s\n' "${wm[@]}" | stats)
    read -r cmem _ _ < <(printf '%s\n' "${cm[@]}" | stats)
    read -r fmem _ _ < <(printf '%s\n' "${fm[@]}" | stats)
    read -r ncpu _ _ < <(printf '%s\n' "${nu[@]}" | stats)
    read -r wcpu _ _ < <(printf '%s\n' "${wu[@]}" | stats)
    read -r ccpu _ _ < <(printf '%s\n' "${cu[@]}" | stats)
    read -r fcpu _ _ < <(printf '%s\n' "${fu[@]}" | stats)
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
    echo "| $n | $(ms "$nmed") ($(ms "$nlo")–$(ms "$nhi")) | $(ms "$wmed") ($(ms "$wlo")–$(ms "$whi")) | $(ms "$cmed") ($(ms "$clo")–$(ms "$chi")) | $(ms "$fmed") ($(ms "$flo")–$(ms "$fhi")) | $(ratio "$nmed" "$fmed") / $(ratio "$wmed" "$fmed") / $(ratio "$cmed" "$fmed") | $(mib "$nmem") / $(mib "$wmem") / $(mib "$cmem") / $(mib "$fmem") MiB | $ncpu / $wcpu / $ccpu / $fcpu s | $before / $after |"
done

# The embedded data, whole process: one city's card.
gt=(); gm=()
for ((i = 0; i < RUNS; i++)); do
    read -r t m u < <(measure $BIN city geneva)
    gt+=("$t"); gm+=("$m")
done
read -r gmed glo ghi < <(printf '%s\n' "${gt[@]}" | stats)
read -r gmem _ _ < <(printf '%s\n' "${gm[@]}" | stats)
echo
echo "citynet city geneva (embedded data, whole process): $(ms "$gmed") ($(ms "$glo")–$(ms "$ghi")), peak memory $(mib "$gmem") MiB, load $(cut -d' ' -f1 /proc/loadavg)"
