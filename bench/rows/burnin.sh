# shellcheck shell=bash
# Row "burnin", sourced by bench/run (see bench/rows/triad.sh for what bench/run provides).
# assay burn-in's CPU and memory throughput against stress-ng and stressapptest, the same
# seconds (BURNIN_SECONDS, default 20) and threads, one kernel at a time:
#   burnin.dgemm  Assay --cpu T --cpu-kernels dgemm: verified 256x256 DGEMM products/s (Freivalds'
#                 check after every product, inside the timing) against stress-ng --matrix T
#                 --matrix-method prod --matrix-size 256: bogo ops/s, one bogo op one product
#                 (its naive triple loop, unchecked);
#   burnin.fft    Assay --cpu-kernels fft: verified 4096-point FFTs/s (8 per round, the round
#                 checked by direct DFT bins and the inverse) against stress-ng --cpu T
#                 --cpu-method fft: bogo ops/s, one bogo op one call of its 4096-sample FFT;
#   burnin.memory Assay --memory BURNIN_MEMORY --memory-threads T: MB/s of words written and
#                 read back checked (five patterns, 1e6 bytes/MB) against stressapptest -M
#                 (same MiB) -m T: its "Completed ... MB/s" (copied bytes, checked by CRC).
# The pairs do the same kind of work at the same size, not the same code: read the ratios as
# "how much of a plain stress tool's rate Assay keeps while it verifies every result".
# Opt-in (six runs of BURNIN_SECONDS per round and thread count): `bench/run --only burnin`.

BURNIN_SECONDS=${BURNIN_SECONDS:-20}
BURNIN_MEMORY=${BURNIN_MEMORY:-256}   # MiB

build_burnin() {
    [[ ,${only:-}, == *,burnin,* ]] || return 0
    command -v stress-ng >/dev/null || die "burnin: stress-ng not found: apt-get install -y stress-ng"
    command -v stressapptest >/dev/null || die "burnin: stressapptest not found: apt-get install -y stressapptest"
}

note_burnin() {
    echo "native is $(stress-ng --version 2>/dev/null | head -n 1) and stressapptest; ${BURNIN_SECONDS}s per side, memory ${BURNIN_MEMORY} MiB; see bench/rows/burnin.sh for what each pair counts"
}

# burnin_assay OUT THREADS ARGS...: one burn-in, prints its CPU or memory throughput after the
# warm-up (burnin.json steadyThroughput: the intervals the trend test uses).
burnin_assay() {
    local out=$1 t=$2
    shift 2
    if ! (cd "$ROOT" && "$ASSAY" burn-in --duration "${BURNIN_SECONDS}s" --interval 1s --probe-rate 0 --progress none \
        --out "$out" "$@") >"$out.log" 2>&1; then
        tail -n 20 "$out.log" >&2
        die "assay burn-in $* failed"
    fi
    python3 - "$out/burnin.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
if d["verdict"] == "FAIL":
    sys.exit("burnin: the burn-in failed: " + "; ".join(c["message"] for c in d["checks"] if c["verdict"] == "FAIL"))
# after the warm-up (JIT compilation): the steady rate, as a stress tool's figure is
steady = next(iter(d["phases"][0]["steadyThroughput"].values()))["value"]
if steady is None:
    sys.exit("burnin: no interval after the warm-up; raise BURNIN_SECONDS")
print("%.3f" % steady)
PY
}

# stressng_rate YAML: bogo ops per second (real time) of the one stressor in a stress-ng --yaml file.
stressng_rate() {
    python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"bogo-ops-per-second-real-time:\s*([0-9.eE+-]+)", text)
sys.exit("burnin: no bogo-ops-per-second-real-time in " + sys.argv[1]) if not m else print("%.3f" % float(m.group(1)))
PY
}

row_burnin() {
    [[ ,${only:-}, == *,burnin,* ]] || return 0
    local t=$1 r out
    local -a ad=() nd=() af=() nf=() am=() nm=()
    for ((r = 1; r <= rounds; r++)); do
        out=$WORK/burnin-dgemm-t$t-r$r
        log "burnin t=$t round $r/$rounds: assay dgemm"
        ((native_only)) || ad+=("$(burnin_assay "$out" "$t" --cpu "$t" --cpu-kernels dgemm)")
        log "burnin t=$t round $r/$rounds: stress-ng --matrix prod 256"
        stress-ng --matrix "$t" --matrix-method prod --matrix-size 256 -t "${BURNIN_SECONDS}s" --metrics-brief --yaml "$WORK/sng-m-$t-$r.yaml" \
            >/dev/null 2>&1 || die "stress-ng --matrix failed"
        nd+=("$(stressng_rate "$WORK/sng-m-$t-$r.yaml")")

        out=$WORK/burnin-fft-t$t-r$r
        log "burnin t=$t round $r/$rounds: assay fft"
        # rounds/s x 8 FFTs per round (CpuStressor.FFTS_PER_ROUND)
        ((native_only)) || af+=("$(python3 -c 'import sys; print("%.3f" % (8 * float(sys.argv[1])))' \
            "$(burnin_assay "$out" "$t" --cpu "$t" --cpu-kernels fft)")")
        log "burnin t=$t round $r/$rounds: stress-ng --cpu-method fft"
        stress-ng --cpu "$t" --cpu-method fft -t "${BURNIN_SECONDS}s" --metrics-brief --yaml "$WORK/sng-f-$t-$r.yaml" >/dev/null 2>&1 ||
            die "stress-ng --cpu failed"
        nf+=("$(stressng_rate "$WORK/sng-f-$t-$r.yaml")")

        out=$WORK/burnin-mem-t$t-r$r
        log "burnin t=$t round $r/$rounds: assay memory ${BURNIN_MEMORY} MiB"
        ((native_only)) || am+=("$(burnin_assay "$out" "$t" --memory "${BURNIN_MEMORY}MiB" --memory-threads "$t")")
        log "burnin t=$t round $r/$rounds: stressapptest -M ${BURNIN_MEMORY} -m $t"
        stressapptest -s "$BURNIN_SECONDS" -M "$BURNIN_MEMORY" -m "$t" >"$WORK/sat-$t-$r.txt" 2>&1 ||
            die "stressapptest failed: $(tail -n 3 "$WORK/sat-$t-$r.txt")"
        nm+=("$(sed -n 's/.*Stats: Completed:.* \([0-9.]*\)MB\/s.*/\1/p' "$WORK/sat-$t-$r.txt" | head -n 1)")
        [[ -n ${nm[-1]} ]] || die "burnin: no 'Stats: Completed ... MB/s' line from stressapptest"
    done
    local a
    a=$( ((native_only)) && echo - || agg median "${ad[@]}")
    emit "burnin.dgemm[n=256][prod/s]" "$t" "$a" "$(agg median "${nd[@]}")" higher
    a=$( ((native_only)) && echo - || agg median "${af[@]}")
    emit "burnin.fft[n=4096][fft/s]" "$t" "$a" "$(agg median "${nf[@]}")" higher
    a=$( ((native_only)) && echo - || agg median "${am[@]}")
    emit "burnin.memory[MB/s]" "$t" "$a" "$(agg median "${nm[@]}")" higher
    DETAILS+=("burnin t=$t: per-round assay dgemm [${ad[*]:-}] stress-ng [${nd[*]}]; fft [${af[*]:-}] [${nf[*]}]; memory [${am[*]:-}] stressapptest [${nm[*]}]")
}
