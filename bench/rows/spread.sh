# shellcheck shell=bash
# Row "spread", sourced by bench/run: are the intervals Assay claims honest?
# Not a native comparison. It runs the whole quick suite SPREAD_RUNS times (default 5) and, for
# every result the runs share (metric, params, threads), prints:
#   cv[%]      the coefficient of variation of the score across the runs (sample stdev / mean);
#   claimed[%] the median over the runs of the half-width each run claimed (scoreError / score);
#   covered    how many of the ordered pairs (run i, run j != i) have run j's score inside run
#              i's claimed 99.9% interval. An honest 99.9% interval that includes the run-to-run
#              variation covers about all pairs; a within-one-JVM interval on a noisy host
#              covers far fewer, and that is what this row is for.
#   method     the interval method the runs recorded (interval.method: within-fork, across-forks).
# Opt-in (five quick suites take minutes): it runs only when named, `bench/run --only spread`,
# and only once, whatever --threads says (the quick suite chooses its own thread counts).

SPREAD_RUNS=${SPREAD_RUNS:-5}
# SPREAD_ARGS: extra `assay run` options for every run, e.g. "--precision 2%" to measure the
# fork-means intervals a precision target produces against the quick suite's one-fork ones.
SPREAD_ARGS=${SPREAD_ARGS:-}

build_spread() { :; }

note_spread() {
    echo "spread: the quick suite${SPREAD_ARGS:+ with $SPREAD_ARGS} run SPREAD_RUNS=$SPREAD_RUNS times; per result, CV across runs beside the median claimed 99.9% half-width and how many run pairs the claimed intervals cover (table below)"
}

spread_done=0
row_spread() {
    [[ ,$only, == *,spread,* ]] || return 0
    ((spread_done)) && return 0
    spread_done=1
    ((native_only)) && return 0
    local r out files=()
    for ((r = 1; r <= SPREAD_RUNS; r++)); do
        out=$WORK/spread-r$r
        log "spread: quick suite run $r/$SPREAD_RUNS"
        # shellcheck disable=SC2086 # SPREAD_ARGS is a list of options, split on purpose
        if ! (cd "$ROOT" && "$ASSAY" run --out "$out" --progress none $SPREAD_ARGS) >"$out.log" 2>&1; then
            tail -n 20 "$out.log" >&2
            die "assay run (quick suite, spread run $r) failed"
        fi
        files+=("$out/results.jsonl")
    done
    local line
    while IFS= read -r line; do DETAILS+=("$line"); done < <(python3 - "${files[@]}" <<'PY'
import json, statistics, sys
runs = []
for path in sys.argv[1:]:
    rows = {}
    for l in open(path, encoding="utf-8"):
        if not l.strip():
            continue
        r = json.loads(l)
        if r.get("status") != "ok" or r.get("score") is None:
            continue
        key = (r["metric"], json.dumps(r.get("params") or {}, sort_keys=True), r.get("threads"))
        rows[key] = r
    runs.append(rows)
keys = set(runs[0])
for rows in runs[1:]:
    keys &= set(rows)
print("spread over %d quick runs (cv = stdev/mean of the scores; claimed = median half-width/score;"
      " covered = pairs (i, j) with run j inside run i's interval)" % len(runs))
print("%-40s %3s %8s %10s %9s  %s" % ("result", "thr", "cv[%]", "claimed[%]", "covered", "method"))
all_cov = all_pairs = 0
for key in sorted(keys):
    rs = [rows[key] for rows in runs]
    scores = [r["score"] for r in rs]
    mean = statistics.mean(scores)
    cv = statistics.stdev(scores) / mean * 100 if len(scores) > 1 and mean else float("nan")
    hws = [r.get("scoreError") for r in rs]
    claimed = statistics.median([h / s * 100 for h, s in zip(hws, scores) if h is not None and s]) \
        if any(h is not None for h in hws) else float("nan")
    cov = pairs = 0
    for i, ri in enumerate(rs):
        if ri.get("scoreError") is None:
            continue
        lo, hi = ri["score"] - ri["scoreError"], ri["score"] + ri["scoreError"]
        for j, rj in enumerate(rs):
            if i != j:
                pairs += 1
                cov += lo <= rj["score"] <= hi
    all_cov += cov
    all_pairs += pairs
    methods = sorted({(r.get("interval") or {}).get("method", "jmh") for r in rs})
    params = json.loads(key[1])
    short = ",".join("%s=%s" % (k, v) for k, v in params.items() if k != "threads" and len(str(v)) < 24)
    name = key[0] + ("[" + short + "]" if short else "")
    print("%-40s %3s %8.2f %10.2f %4d/%-4d  %s" % (name[:40], key[2], cv, claimed, cov, pairs, "/".join(methods)))
if all_pairs:
    print("all results: %d of %d pairs covered (%.1f%%)" % (all_cov, all_pairs, 100.0 * all_cov / all_pairs))
PY
    ) || exit 2
}
