# shellcheck shell=bash
# Row "fft", sourced by bench/run (see bench/rows/triad.sh for what bench/run provides).
# Assay cpu.fft (the quick suite's n) against FFTW 3 through bench/c/fft.c: same n, T pinned
# single-threaded copies summed as Assay sums T workers (cpu_copies, from bench/rows/dgemm.sh).
# FFTW plans with FFTW_MEASURE (FFT_PLANNER=patient selects FFTW_PATIENT); interleaved complex,
# out of place; GFLOP/s = 5 n log2 n / s on both sides.

build_fft() {
    [[ -e /usr/include/fftw3.h ]] || die "fft: fftw3.h not found: apt-get install -y libfftw3-dev"
    if [[ ! -x $BUILD/fft || $BENCH/c/fft.c -nt $BUILD/fft ]]; then
        log "building $BUILD/fft: gcc ${CFLAGS_NATIVE[*]} -lfftw3_omp -lfftw3"
        gcc "${CFLAGS_NATIVE[@]}" -o "$BUILD/fft" "$BENCH/c/fft.c" -lfftw3_omp -lfftw3 -lm
    fi
}

note_fft() {
    echo "native is FFTW $(dpkg-query -W -f '${Version}' libfftw3-double3 2>/dev/null || echo 3) via bench/c/fft.c, $([[ ${FFT_PLANNER:-} == patient ]] && echo FFTW_PATIENT || echo FFTW_MEASURE), T pinned single-threaded copies summed; GFLOP/s = 5 n log2 n / s"
}

row_fft() {
    local t=$1 r out n=4096 a_med a_best direction a_cpus=unknown unit planner
    local -a am=() ab=() cm=() cb=()
    planner=$([[ ${FFT_PLANNER:-} == patient ]] && echo patient || echo measure)
    for ((r = 1; r <= rounds; r++)); do
        if ((!native_only)); then
            out=$WORK/fft-t$t-r$r
            log "fft t=$t round $r/$rounds: assay"
            run_assay cpu.fft "$t" "$out"
            read -r n a_med a_best direction a_cpus unit < <(assay_result "$out/results.jsonl" cpu.fft "$t" n) || exit 2
            [[ $unit == GFLOP/s && $direction == higher ]] || die "fft: Assay reports '$unit' ($direction)"
            am+=("$a_med"); ab+=("$a_best")
        fi
        out=$WORK/native-fft-t$t-r$r
        log "fft t=$t round $r/$rounds: FFTW n=$n, $t copies"
        cpu_copies "$t" "$a_cpus" "$out" env PLANNER=$planner "$BUILD/fft" "$n" 1 "$reps"
        cm+=("$(cpu_sum gflops_median "$out" "$t")"); cb+=("$(cpu_sum gflops_best "$out" "$t")")
    done
    local a_m=- a_b=- c_m c_b
    c_m=$(agg median "${cm[@]}"); c_b=$(agg max "${cb[@]}")
    if ((!native_only)); then a_m=$(agg median "${am[@]}"); a_b=$(agg max "${ab[@]}"); fi
    emit "fft[n=$n].median[GFLOP/s]" "$t" "$a_m" "$c_m" higher
    emit "fft[n=$n].best[GFLOP/s]" "$t" "$a_b" "$c_b" higher
    DETAILS+=("fft t=$t: FFTW $(kv "$out.0" planner), batch $(kv "$out.0" batch) transforms per timed repetition; \
assay cpus $a_cpus; per-round medians assay [${am[*]:-}] native [${cm[*]}]")
}
