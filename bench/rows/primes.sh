# shellcheck shell=bash
# Row "primes", sourced by bench/run (see bench/rows/triad.sh for what bench/run provides).
# Assay cpu.primes.sieve and cpu.primes.millerrabin (quick-suite ranges) against
# `sysbench cpu`, in numbers checked per second.
#
# This is a MACHINE comparison only, not like for like: sysbench tests every number below
# --cpu-max-prime (default 10000) by trial division, a different algorithm on different
# (14-bit) numbers, so the ratio is not a measure of Assay's implementation quality. What is
# matched: the unit (numbers examined per second: sysbench's events/s x (max_prime - 2),
# since each event checks 3..max_prime), the thread count (--threads=T, each thread working
# on its own as Assay's workers do), and the CPUs (taskset to the CPUs Assay's workers used).
# Its use is across machines: if Assay's ratio to sysbench moves between two machines, their
# prime workloads disagree about those machines, which is worth a look.

PRIMES_MAX=${PRIMES_MAX:-10000}

build_primes() {
    command -v sysbench >/dev/null || die "primes: sysbench not found: apt-get install -y sysbench"
}

note_primes() {
    echo "native is $(sysbench --version 2>/dev/null) cpu --cpu-max-prime=$PRIMES_MAX (trial division): a machine comparison only, not like for like (see bench/rows/primes.sh); Mnum/s = million numbers checked per second"
}

row_primes() {
    local t=$1 r out metric v a_med a_best direction a_cpus="0-$(($1 - 1))" unit eps
    local -a sm=()
    declare -A am=()
    for ((r = 1; r <= rounds; r++)); do
        if ((!native_only)); then
            for metric in cpu.primes.sieve cpu.primes.millerrabin; do
                out=$WORK/$metric-t$t-r$r
                log "$metric t=$t round $r/$rounds: assay"
                run_assay "$metric" "$t" "$out"
                local param=limit
                [[ $metric == cpu.primes.sieve ]] || param=count
                read -r v a_med a_best direction a_cpus unit < <(assay_result "$out/results.jsonl" "$metric" "$t" "$param") || exit 2
                [[ $unit == numbers/s ]] || die "primes: $metric reports '$unit'"
                am[$metric]+="$(python3 -c 'import sys; print("%.3f" % (float(sys.argv[1]) / 1e6))' "$a_med") "
            done
        fi
        out=$WORK/sysbench-t$t-r$r.txt
        log "primes t=$t round $r/$rounds: sysbench cpu"
        taskset -c "$a_cpus" sysbench cpu --cpu-max-prime="$PRIMES_MAX" --threads="$t" --time=5 run >"$out" 2>&1 ||
            die "sysbench cpu failed ($out)"
        eps=$(sed -n 's/^ *events per second: *//p' "$out")
        [[ -n $eps ]] || die "sysbench printed no 'events per second' ($out)"
        sm+=("$(python3 -c 'import sys; print("%.3f" % (float(sys.argv[1]) * (int(sys.argv[2]) - 2) / 1e6))' "$eps" "$PRIMES_MAX")")
    done
    local s_m a_m
    s_m=$(agg median "${sm[@]}")
    for metric in cpu.primes.sieve cpu.primes.millerrabin; do
        a_m=-
        # shellcheck disable=SC2086
        ((native_only)) || a_m=$(agg median ${am[$metric]})
        emit "${metric#cpu.primes.}/sysbench[Mnum/s]" "$t" "$a_m" "$s_m" higher
    done
    DETAILS+=("primes t=$t: sysbench cpu max-prime $PRIMES_MAX on cpus $a_cpus, 5 s per round, per-round Mnum/s [${sm[*]}]; \
assay sieve [${am[cpu.primes.sieve]:-}] millerrabin [${am[cpu.primes.millerrabin]:-}]")
}
