# shellcheck shell=bash
# Row "probes", sourced by bench/run: what the parent's probe sampler costs a workload.
# Not a native comparison: the "assay" column is the score WITH sampling at 10 Hz, the "native"
# column the same workload WITHOUT sampling (--probe-rate 0), same run, rounds alternating and
# the order flipped every round. ratio = with/without: 0.99 means sampling cost 1%. Target > 0.99.
# A second line reports the sampler's own CPU per full sample (the bundle's last probes.csv row,
# sampler.cpuPerSample); target < 1 ms. Workload: cpu.primes.millerrabin, CPU-bound, all threads
# busy, and the steadiest figure Assay has here (run-to-run CV 0.8% at 1 thread, 1.7% at 2 over
# five quick runs): a 1% effect needs a workload whose own spread is near 1%. The sieve, used
# first, moved 5-17% between runs on this shared guest and left the ratio at 0.99-1.18.

PROBES_METRIC=${PROBES_METRIC:-cpu.primes.millerrabin}

build_probes() { :; }

note_probes() {
    echo "probes: assay = $PROBES_METRIC with --probe-rate 10, native = the same with --probe-rate 0 (ratio = with/without); sampler.cpu[ms] = CPU per full probe sample"
}

# probes_run T OUT RATE: one Assay run of the workload with the given sampling rate.
probes_run() {
    local t=$1 out=$2 rate=$3
    if ! (cd "$ROOT" && "$ASSAY" run --only "$PROBES_METRIC" --threads "$t" --probe-rate "$rate" --out "$out" \
        --progress none) >"$out.log" 2>&1; then
        tail -n 20 "$out.log" >&2
        die "assay run --only $PROBES_METRIC --probe-rate $rate failed"
    fi
}

row_probes() {
    local t=$1 r out rate first second med unit with=() without=() cost=()
    ((native_only)) && { emit "probes.sampling[ratio]" "$t" - - higher; return; }
    for ((r = 1; r <= rounds; r++)); do
        if ((r % 2)); then first=10; second=0; else first=0; second=10; fi
        for rate in $first $second; do
            out=$WORK/probes-t$t-r$r-hz$rate
            log "probes t=$t round $r/$rounds: --probe-rate $rate"
            probes_run "$t" "$out" "$rate"
            read -r med unit < <(python3 - "$out/results.jsonl" "$PROBES_METRIC" "$t" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
rows = [r for r in rows if r["metric"] == sys.argv[2] and r["threads"] == int(sys.argv[3]) and r["status"] == "ok"]
if len(rows) != 1:
    sys.exit("bench/run: expected one ok %s line at %s threads in %s" % (sys.argv[2], sys.argv[3], sys.argv[1]))
print("%.4f" % statistics.median(rows[0]["samples"]), rows[0]["unit"])
PY
            ) || exit 2
            if ((rate == 10)); then
                with+=("$med")
                cost+=("$(tail -n 1 "$out/probes.csv" | awk -F, '$2 == "sampler.cpuPerSample" { print $4 }')")
            else
                without+=("$med")
                [[ ! -f $out/probes.csv ]] || die "--probe-rate 0 still wrote $out/probes.csv"
            fi
        done
    done
    local w n c
    w=$(agg median "${with[@]}"); n=$(agg median "${without[@]}"); c=$(agg median "${cost[@]}")
    emit "probes.sampling[$unit]" "$t" "$w" "$n" higher
    emit "probes.sampler.cpu[ms]" "$t" "$c" - lower
    # The bound that noise cannot blur: CPU the sampler takes per second of run, as a share of
    # one CPU (ms per sample x 10 samples/s / 1000 ms x 100%). Below 1% means it cannot take
    # more than 1% from a workload even if every sampler cycle came out of the workload's CPUs.
    emit "probes.sampler.share[%cpu]" "$t" "$(python3 -c "print('%.3f' % ($c * 10 / 10))")" - lower
    DETAILS+=("probes t=$t: per-round medians with 10 Hz [${with[*]}] without [${without[*]}]; sampler ms/sample [${cost[*]}]")
}
