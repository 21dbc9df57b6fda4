# shellcheck shell=bash
# Row "dgemm", sourced by bench/run (see bench/rows/triad.sh for what bench/run provides).
# Assay cpu.dgemm (the quick suite's n) against OpenBLAS cblas_dgemm through bench/c/dgemm.c.
#
# Same n, same thread count, same method: Assay's T-thread figure is T independent products,
# one per pinned worker, summed; the native side runs T copies of the single-threaded OpenBLAS
# program at once, each pinned (taskset) to the CPU the matching Assay worker used, and sums
# their medians. (OpenBLAS's own threading splits one product instead; at n=1024 on this guest
# that gave 89.6 GFLOP/s on 2 threads, the same as two copies.) OPENBLAS_CORETYPE is unset so
# OpenBLAS picks its kernel from cpuid; the kernel it chose is printed in the details.

DGEMM_PEAK_GHZ=${DGEMM_PEAK_GHZ:-3.6}          # measured: dependent-add chain, 3.52-3.63 GHz
DGEMM_FLOP_PER_CYCLE=${DGEMM_FLOP_PER_CYCLE:-16}

build_dgemm() {
    [[ -e /usr/include/x86_64-linux-gnu/cblas.h || -e /usr/include/cblas.h ]] ||
        die "dgemm: cblas.h not found: apt-get install -y libopenblas-dev"
    if [[ ! -x $BUILD/dgemm || $BENCH/c/dgemm.c -nt $BUILD/dgemm ]]; then
        log "building $BUILD/dgemm: gcc -O3 -march=native -lopenblas"
        gcc -O3 -march=native -o "$BUILD/dgemm" "$BENCH/c/dgemm.c" -lopenblas
    fi
}

note_dgemm() {
    echo "native is OpenBLAS cblas_dgemm via bench/c/dgemm.c (OPENBLAS_CORETYPE unset, OPENBLAS_NUM_THREADS=1, T pinned copies summed, as Assay runs T workers); GFLOP/s = 2n^3/s; peak = cores x ${DGEMM_PEAK_GHZ} GHz x ${DGEMM_FLOP_PER_CYCLE} FLOP/cycle (see details)"
}

# cpu_copies T CPUS OUT CMD...: runs T copies of CMD at once, copy i pinned to the i-th CPU of
# the comma-separated CPUS list (or CPU i when CPUS is empty/unknown); their stdout goes to
# OUT.i. Fails when a copy fails or does not print validation=ok. Used by the dgemm and fft rows.
cpu_copies() {
    local t=$1 cpus=$2 out=$3 i rc=0 cpu
    shift 3
    local -a list=() pids=()
    [[ $cpus == unknown || -z $cpus ]] || IFS=, read -r -a list <<<"$cpus"
    for ((i = 0; i < t; i++)); do
        cpu=${list[$i]:-$i}
        taskset -c "$cpu" "$@" >"$out.$i" 2>"$out.$i.err" &
        pids+=($!)
    done
    for ((i = 0; i < t; i++)); do
        wait "${pids[$i]}" || rc=$?
        cat "$out.$i.err" >&2
        ((rc == 0)) || die "$* (copy $i) failed with exit $rc (1 = did not validate)"
        [[ $(kv "$out.$i" validation) == ok ]] || die "$* (copy $i) did not validate ($out.$i)"
    done
}

# cpu_sum KEY OUT T: the sum of KEY over the T copies' outputs.
cpu_sum() {
    local i s=0
    for ((i = 0; i < $3; i++)); do s=$(python3 -c 'import sys; print(float(sys.argv[1]) + float(sys.argv[2]))' "$s" "$(kv "$2.$i" "$1")"); done
    printf '%.3f\n' "$s"
}

row_dgemm() {
    local t=$1 r out n=1024 a_med a_best direction a_cpus=unknown unit core=""
    local -a am=() ab=() cm=() cb=()
    for ((r = 1; r <= rounds; r++)); do
        if ((!native_only)); then
            out=$WORK/dgemm-t$t-r$r
            log "dgemm t=$t round $r/$rounds: assay"
            run_assay cpu.dgemm "$t" "$out"
            read -r n a_med a_best direction a_cpus unit < <(assay_result "$out/results.jsonl" cpu.dgemm "$t" n) || exit 2
            [[ $unit == GFLOP/s && $direction == higher ]] || die "dgemm: Assay reports '$unit' ($direction)"
            am+=("$a_med"); ab+=("$a_best")
        fi
        out=$WORK/native-dgemm-t$t-r$r
        log "dgemm t=$t round $r/$rounds: OpenBLAS n=$n, $t copies"
        cpu_copies "$t" "$a_cpus" "$out" env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=1 "$BUILD/dgemm" "$n" "$reps"
        cm+=("$(cpu_sum gflops_median "$out" "$t")"); cb+=("$(cpu_sum gflops_best "$out" "$t")")
        core=$(kv "$out.0" corename)
    done
    local a_m=- a_b=- c_m c_b peak
    c_m=$(agg median "${cm[@]}"); c_b=$(agg max "${cb[@]}")
    if ((!native_only)); then a_m=$(agg median "${am[@]}"); a_b=$(agg max "${ab[@]}"); fi
    emit "dgemm[n=$n].median[GFLOP/s]" "$t" "$a_m" "$c_m" higher
    emit "dgemm[n=$n].best[GFLOP/s]" "$t" "$a_b" "$c_b" higher
    peak=$(python3 -c 'import sys; print("%.1f" % (int(sys.argv[1]) * float(sys.argv[2]) * int(sys.argv[3])))' \
        "$t" "$DGEMM_PEAK_GHZ" "$DGEMM_FLOP_PER_CYCLE")
    DETAILS+=("dgemm t=$t: OpenBLAS kernel $core ($(kv "$out.0" config)); assay cpus $a_cpus; \
peak $t x $DGEMM_PEAK_GHZ GHz x $DGEMM_FLOP_PER_CYCLE FLOP/cycle = $peak GFLOP/s: assay $(share "$a_m" "$peak"), \
OpenBLAS $(share "$c_m" "$peak") of it; per-round medians assay [${am[*]:-}] native [${cm[*]}]")
}

# share VALUE PEAK: VALUE as a percentage of PEAK, or - when VALUE is -.
share() {
    [[ $1 == - ]] && { echo -; return; }
    python3 -c 'import sys; print("%.0f%%" % (100 * float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"
}
