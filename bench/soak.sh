#!/usr/bin/env bash
# bench/soak.sh: run Assay again and again for a while and check that the harness does not leak:
# the harness JVM's resident memory, open file descriptors and threads (sampled from /proc/PID
# while it runs) must not grow from one loop to the next, and every bundle must verify. Runs the
# quick suite in a loop and then, if this build has `assay burn-in`, a burn-in in a loop; prints
# one table row per loop. Not part of CI: it takes an hour by default. See bench/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASSAY=${ASSAY:-$ROOT/assay}

usage() {
    cat <<'USAGE'
usage: bench/soak.sh [options]
  --duration D      total time, e.g. 1h, 20m, 180s (default 1h); with a burn-in, each half gets half
  --suite S         the suite each loop runs (default quick)
  --only GLOBS      run only these workloads each loop (e.g. 'cpu.primes.sieve,memory.latency.chase')
  --smoke           tiny JMH settings (for trying the script, not for soaking)
  --burn-in-args A  arguments for 'assay burn-in' each loop (default: '--duration 5m')
  --interval S      seconds between /proc samples (default 1)
  --keep DIR        keep every bundle, log and sample file under DIR (default: a temporary directory)
Limits, beyond which the soak FAILS: from the first loop to the last, peak RSS +25% and +64 MiB,
  steady descriptors +16, steady threads +8; within one run (last quarter over second quarter),
  RSS +64 MiB and a quarter of its peak.
USAGE
}

duration=1h suite=quick only="" smoke="" burn_args="--duration 5m" interval=1 keep=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --suite) suite="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        --smoke) smoke="--smoke"; shift ;;
        --burn-in-args) burn_args="$2"; shift 2 ;;
        --interval) interval="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench/soak.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

seconds() {   # 1h, 20m, 90s, 90 -> seconds
    local d="$1"
    case "$d" in
        *[0-9]h) echo $(( ${d%h} * 3600 )) ;;
        *[0-9]m) echo $(( ${d%m} * 60 )) ;;
        *[0-9]s) echo "${d%s}" ;;
        ''|*[!0-9]*) echo "bench/soak.sh: --duration $d: give e.g. 1h, 20m or 180s" >&2; return 2 ;;
        *) echo "$d" ;;
    esac
}
total=$(seconds "$duration") || exit 2
[[ "$total" =~ ^[0-9]+$ && "$total" -gt 0 ]] || { echo "bench/soak.sh: --duration $duration: must be positive" >&2; exit 2; }

if [[ -n "$keep" ]]; then
    work="$keep"
    mkdir -p "$work"
else
    work=$(mktemp -d -t assay-soak.XXXXXX)
    trap 'rm -rf "$work"' EXIT
fi
export ASSAY_JAVA_OPTS="${ASSAY_JAVA_OPTS:-} -Djmh.ignoreLock=true"
"$ASSAY" --version >/dev/null   # builds the jar first, so the first loop measures a run, not a build

# sample PID FILE: one line "rss_kib fds threads" per interval while PID lives
sample() {
    local pid="$1" file="$2" rss threads fds
    while [[ -r /proc/$pid/status ]]; do
        rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        fds=$( (ls "/proc/$pid/fd" 2>/dev/null || true) | wc -l)
        if [[ -n "$rss" && -n "$threads" ]]; then
            echo "$rss $fds $threads" >>"$file"
        fi
        sleep "$interval"
    done
}

rows="$work/rows.txt"
: >"$rows"
failed=0

# one_loop KIND N COMMAND...: runs the command with --out (./assay execs java, so the PID is the
# harness JVM; JMH's forks are its children and are not counted), samples it, verifies the
# bundle, appends a row (below).
one_loop() {
    local kind="$1" n="$2"
    shift 2
    local bundle="$work/$kind-$n" samples="$work/$kind-$n.samples" log="$work/$kind-$n.log"
    : >"$samples"
    local start=$SECONDS status=0
    "$@" --out "$bundle" >"$log" 2>&1 &
    local pid=$!
    sample "$pid" "$samples" &
    local sampler=$!
    wait "$pid" || status=$?
    wait "$sampler" 2>/dev/null || true
    local verify=ok
    if ! "$ASSAY" verify "$bundle" >"$work/$kind-$n.verify" 2>&1; then
        verify=FAILED
        failed=1
    fi
    local results=0
    if [[ -f "$bundle/results.jsonl" ]]; then
        results=$(grep -c . "$bundle/results.jsonl" || true)
    fi
    # The first 3 samples are the JVM starting and the last 2 may catch it exiting (descriptors
    # and threads already gone): "steady" is the median of the samples between, "peak" the
    # largest anywhere past the start-up. Row: kind loop seconds exit verify results
    # peakRssMiB steadyFds steadyThreads peakFds peakThreads samples
    awk -v kind="$kind" -v n="$n" -v secs=$((SECONDS - start)) -v st="$status" -v v="$verify" -v res="$results" '
        function median(a, lo, hi,   m, i, j, t, b) {
            m = 0
            for (i = lo; i <= hi; i++) b[++m] = a[i]
            for (i = 2; i <= m; i++) { t = b[i]; for (j = i - 1; j >= 1 && b[j] > t; j--) b[j + 1] = b[j]; b[j + 1] = t }
            return m == 0 ? 0 : b[int((m + 1) / 2)]
        }
        { all++; rss[all] = $1; fd[all] = $2; th[all] = $3 }
        END {
            from = all > 3 ? 4 : 1; to = all - 2 >= from ? all - 2 : all
            for (i = from; i <= all; i++) { if (rss[i] > mr) mr = rss[i]; if (fd[i] > mf) mf = fd[i]; if (th[i] > mt) mt = th[i] }
            # growth within the run (what a leak in one long process shows): the median RSS of the
            # last quarter of the steady samples over that of the second quarter, in MiB
            q = int((to - from + 1) / 4)
            grow = q < 1 ? 0 : (median(rss, to - q + 1, to) - median(rss, from + q, from + 2 * q - 1)) / 1024
            printf "%s %d %d %d %s %d %d %d %d %d %d %d %d\n", kind, n, secs, st, v, res, mr / 1024,
                median(fd, from, to), median(th, from, to), mf, mt, all, grow
        }' "$samples" >>"$rows"
    tail -n 1 "$rows" | awk '{printf "  %-8s loop %3d  %4ds  exit %d  verify %-6s  results %4d  peak RSS %5d MiB  fds %4d (peak %d)  threads %4d (peak %d)\n", $1, $2, $3, $4, $5, $6, $7, $8, $10, $9, $11}'
    if [[ "$status" -ne 0 ]]; then
        echo "  (exit $status; log: $log)"
        failed=1
    fi
}

has_burn_in=0
# The top-level --help answers for an unknown command too, so look for the command's own usage.
if "$ASSAY" burn-in --help 2>/dev/null | grep -q '^Usage: assay burn-in'; then
    has_burn_in=1
fi
suite_budget=$(( has_burn_in ? total / 2 : total ))

echo "soak: $suite suite${only:+ (only $only)}${smoke:+ (smoke)} in a loop for ${suite_budget}s; files in $work"
deadline=$((SECONDS + suite_budget))
n=0
while [[ $n -eq 0 || $SECONDS -lt $deadline ]]; do
    n=$((n + 1))
    args=("$ASSAY" run --suite "$suite" --progress none)
    [[ -n "$smoke" ]] && args+=("$smoke")
    [[ -n "$only" ]] && args+=(--only "$only")
    one_loop suite "$n" "${args[@]}"
done

if [[ "$has_burn_in" -eq 1 ]]; then
    echo "soak: assay burn-in $burn_args in a loop for $((total - suite_budget))s"
    deadline=$((SECONDS + total - suite_budget))
    n=0
    while [[ $n -eq 0 || $SECONDS -lt $deadline ]]; do
        n=$((n + 1))
        read -r -a burn <<<"$burn_args"
        one_loop burn-in "$n" "$ASSAY" burn-in "${burn[@]}"
    done
else
    echo "soak: no burn-in: this build has no 'assay burn-in' command"
fi

echo
printf '%-8s %5s %6s %5s %-7s %8s %11s %10s %14s %8s %12s %8s %14s\n' kind loop secs exit verify results peakRssMiB steadyFds steadyThreads peakFds peakThreads samples rssGrowthMiB
awk '{printf "%-8s %5d %6d %5d %-7s %8d %11d %10d %14d %8d %12d %8d %14d\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13}' "$rows"
# growth within any one run: beyond 64 MiB and a quarter of its peak
within=$(awk '$13 > 64 && $13 > $7 / 4 {print $1 " loop " $2 ": +" $13 " MiB"}' "$rows")
if [[ -n "$within" ]]; then
    echo "RSS grew within a run: $within"
    failed=1
fi

# growth of the last loop over the first, per kind
for kind in suite burn-in; do
    first=$(awk -v k="$kind" '$1 == k' "$rows" | head -n 1)
    last=$(awk -v k="$kind" '$1 == k' "$rows" | tail -n 1)
    [[ -n "$first" ]] || continue
    read -r _ _ _ _ _ _ rss0 fd0 th0 _ <<<"$first"
    read -r _ loops _ _ _ _ rss1 fd1 th1 _ <<<"$last"
    verdict=ok
    if (( rss1 > rss0 * 125 / 100 && rss1 > rss0 + 64 )); then verdict="RSS GREW"; failed=1; fi
    if (( fd1 > fd0 + 16 )); then verdict="DESCRIPTORS GREW"; failed=1; fi
    if (( th1 > th0 + 8 )); then verdict="THREADS GREW"; failed=1; fi
    echo "$kind: $loops loop(s); first -> last: peak RSS $rss0 -> $rss1 MiB, steady fds $fd0 -> $fd1, steady threads $th0 -> $th1: $verdict"
done
echo "bundles that failed verify: $(awk '$5 != "ok"' "$rows" | wc -l)"
if [[ "$failed" -ne 0 ]]; then
    echo "soak: FAILED"
    exit 1
fi
echo "soak: OK"
