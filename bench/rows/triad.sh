# shellcheck shell=bash
# Row "triad", sourced by bench/run (which provides rounds, WORK, BUILD, BENCH, run_assay,
# assay_result, native_env, kv, agg, emit, log, die, DETAILS).

build_triad() {
    if [[ ! -x $BUILD/triad || $BENCH/c/triad.c -nt $BUILD/triad ]]; then
        log "building $BUILD/triad: gcc ${CFLAGS_NATIVE[*]}"
        gcc "${CFLAGS_NATIVE[@]}" -o "$BUILD/triad" "$BENCH/c/triad.c"
    fi
}

note_triad() {
    echo "native is bench/c/triad.c (STREAM-style, not STREAM), gcc ${CFLAGS_NATIVE[*]}, OMP_PROC_BIND=close OMP_PLACES=cores on the CPUs Assay's workers used, N = Assay params.arrayElements"
}

# triad: Assay memory.bandwidth.triad vs bench/c/triad.c (STREAM-style, not STREAM).
# Order per round is Assay then native: the native N comes from Assay's params, so the first
# Assay run must come first; after that the two sides strictly alternate.
row_triad() {
    local t=$1 r rc n="" out elems a_med a_best direction=higher a_cpus=unknown unit c_cpus
    local -a am=() ab=() cm=() cb=()
    for ((r = 1; r <= rounds; r++)); do
        if ((native_only)); then
            n=$elements
        else
            out=$WORK/triad-t$t-r$r
            log "triad t=$t round $r/$rounds: assay"
            run_assay memory.bandwidth.triad "$t" "$out"
            read -r elems a_med a_best direction a_cpus unit < <(assay_result "$out/results.jsonl" \
                memory.bandwidth.triad "$t" arrayElements) || exit 2
            [[ $unit == GB/s ]] || die "triad: Assay unit is '$unit', expected GB/s"
            # arrayElements is STREAM's N, the length of each array, shared among the workers
            # (StreamTriadBench: each worker allocates arrayElements/threads): the same N and
            # the same per-thread slice as the C program's static split.
            [[ -z $n || $n == "$elems" ]] ||
                die "triad: Assay changed arrayElements between rounds (was $n, now $elems)"
            n=$elems
            am+=("$a_med"); ab+=("$a_best")
        fi
        out=$WORK/native-triad-t$t-r$r.txt
        log "triad t=$t round $r/$rounds: native N=$n"
        rc=0
        # on the CPUs Assay's workers used (native_on): same cores, same sockets and nodes
        native_on "$a_cpus" "$BUILD/triad" "$n" "$t" "$reps" >"$out" 2>"$out.err" || rc=$?
        cat "$out.err" >&2   # sizing and timer warnings, or the validation failure
        ((rc == 0)) || die "native triad N=$n threads=$t failed with exit $rc (1 = did not validate)"
        [[ $(kv "$out" validation) == ok ]] || die "native triad did not validate ($out)"
        cm+=("$(kv "$out" triad_median_gbs)"); cb+=("$(kv "$out" triad_best_gbs)")
        c_cpus=$(kv "$out" thread_cpus)
    done

    local a_m=- a_b=- c_m c_b
    c_m=$(agg median "${cm[@]}"); c_b=$(agg max "${cb[@]}")
    if ((!native_only)); then a_m=$(agg median "${am[@]}"); a_b=$(agg max "${ab[@]}"); fi
    [[ $direction == higher ]] || die "triad: Assay says lower is better for a bandwidth"
    emit "triad.median[GB/s]" "$t" "$a_m" "$c_m" higher
    emit "triad.best[GB/s]" "$t" "$a_b" "$c_b" higher
    DETAILS+=("triad t=$t: native N=$n doubles/array ($((n * 8 / 1048576)) MiB), native cpus $c_cpus, \
assay cpus ${a_cpus:-n/a}; per-round medians assay [${am[*]:-}] native [${cm[*]}]")
}

