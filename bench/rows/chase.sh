# shellcheck shell=bash
# Row "chase", sourced by bench/run (see bench/rows/triad.sh for what bench/run provides).
# Assay memory.latency.chase (random pattern, the quick suite's curve) against bench/c/chase.c:
# same permutation method and seed, same working sets, one thread on the CPU Assay's worker ran
# on (read from its bundle: the placement keeps one worker off CPU 0), ns per load.
# CHASE_THP=1: both sides on huge pages (Assay -p thp=huge, chase.c MADV_HUGEPAGE), which takes
# the page walks out of the DRAM sets: with 4 KiB pages the two processes' page layouts alone
# moved the 64-128 MiB figures by up to 25% between them (see bench/README.md).
CHASE_THP=${CHASE_THP:-0}

build_chase() {
    if [[ ! -x $BUILD/chase || $BENCH/c/chase.c -nt $BUILD/chase ]]; then
        log "building $BUILD/chase: gcc -O3 -march=native"
        gcc -O3 -march=native -o "$BUILD/chase" "$BENCH/c/chase.c"
    fi
}

note_chase() {
    echo "native is bench/c/chase.c (Sattolo/SplitMix64 seed 42, 8-byte links one per line, pinned to the CPU Assay's worker used), gcc -O3 -march=native; one line per working set; threads column is always 1; pages: $( ((CHASE_THP)) && echo 'huge (CHASE_THP=1) on both sides' || echo 'the system default (4 KiB with THP in madvise mode)')"
}

# chase_points FILE: "bytes median-of-samples" per random-pattern chase result, sorted by size.
chase_points() {
    python3 - "$1" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
pts = []
for r in rows:
    p = r.get("params") or {}
    if r.get("metric") == "memory.latency.chase" and "strideBytes" not in p and r.get("status") == "ok":
        pts.append((p["workingSetBytes"], statistics.median(r["samples"])))
if not pts:
    print("bench/run: no memory.latency.chase results in %s" % sys.argv[1], file=sys.stderr); sys.exit(2)
for b, m in sorted(pts):
    print(b, "%.3f" % m)
PY
}

# chase_cpus FILE: the CPUs of the random-pattern chase results (one worker: one CPU), or unknown.
chase_cpus() {
    python3 - "$1" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
cpus = {",".join(str(c) for c in r.get("cpus") or []) for r in rows
        if r.get("metric") == "memory.latency.chase" and "strideBytes" not in (r.get("params") or {})}
cpus.discard("")
print(cpus.pop() if len(cpus) == 1 else "unknown")
PY
}

# The chase measures one thread; the row runs once, at the first thread count only.
row_chase() {
    local t=$1 r out sizes="" rc a_cpu=unknown
    [[ $t == "${THREADS[0]}" ]] || return 0
    declare -A am=() cm=()
    local -a order=()
    for ((r = 1; r <= rounds; r++)); do
        if ((!native_only)); then
            out=$WORK/chase-r$r
            log "chase round $r/$rounds: assay"
            ((CHASE_THP)) && ASSAY_EXTRA=(-p thp=huge)
            run_assay memory.latency.chase 1 "$out"
            ASSAY_EXTRA=()
            local b m
            while read -r b m; do
                ((r > 1)) || order+=("$b")
                am[$b]+="$m "
            done < <(chase_points "$out/results.jsonl" || exit 2)
            a_cpu=$(chase_cpus "$out/results.jsonl")
        else
            ((r > 1)) || for ((b = 4096; b <= 134217728; b *= 2)); do order+=("$b"); done
        fi
        sizes=$(IFS=,; echo "${order[*]}")
        out=$WORK/native-chase-r$r.txt
        log "chase round $r/$rounds: native"
        rc=0
        # on the CPU Assay's worker used (CPU 0 with --native-only: nothing to match)
        [[ $a_cpu != unknown ]] || a_cpu=0
        CHASE_THP=$CHASE_THP taskset -c "$a_cpu" "$BUILD/chase" "$sizes" 42 >"$out" 2>"$out.err" || rc=$?
        cat "$out.err" >&2
        ((rc == 0)) || die "native chase failed with exit $rc (1 = did not validate)"
        [[ $(kv "$out" validation) == ok ]] || die "native chase did not validate ($out)"
        while read -r line; do
            local bytes=${line#size=}; bytes=${bytes%% *}
            local med=${line#*median_ns=}; med=${med%% *}
            cm[$bytes]+="$med "
        done < <(grep '^size=' "$out")
    done
    local b a_m c_m
    for b in "${order[@]}"; do
        # shellcheck disable=SC2086
        c_m=$(agg median ${cm[$b]})
        a_m=-
        # shellcheck disable=SC2086
        ((native_only)) || a_m=$(agg median ${am[$b]})
        emit "chase$( ((CHASE_THP)) && echo .thp)[$((b / 1024))KiB][ns]" 1 "$a_m" "$c_m" lower
    done
    DETAILS+=("chase: working sets $sizes bytes, seed 42, cpu $a_cpu; per-size cells are medians over rounds of per-round medians")
}
