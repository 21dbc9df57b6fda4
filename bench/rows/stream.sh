# shellcheck shell=bash
# Row "stream", sourced by bench/run (see bench/rows/triad.sh for what bench/run provides).
# Assay memory.bandwidth.{copy,scale,add,read,write} against bench/c/stream.c (STREAM-style,
# not STREAM), same N (Assay's params.arrayElements), same thread counts. The triad has its
# own row (bench/c/triad.c). These kernels are not in the quick suite, so the Assay side runs
# --suite standard (2 forks x 8 x 0.5 s): about 16 s per kernel and thread count. Kernels:
# STREAM_KERNELS (comma-separated, default copy, the one with a target).

build_stream() {
    if [[ ! -x $BUILD/stream || $BENCH/c/stream.c -nt $BUILD/stream ]]; then
        log "building $BUILD/stream: gcc ${CFLAGS_NATIVE[*]}"
        gcc "${CFLAGS_NATIVE[@]}" -o "$BUILD/stream" "$BENCH/c/stream.c"
    fi
}

note_stream() {
    echo "native is bench/c/stream.c (STREAM-style, not STREAM), gcc ${CFLAGS_NATIVE[*]}, OMP_PROC_BIND=close OMP_PLACES=cores on the CPUs Assay's workers used; Assay --suite standard; kernels ${STREAM_KERNELS:-copy}"
}

row_stream() {
    local t=$1 k r rc n out elems a_med a_best direction a_cpus=unknown unit
    local -a kernels
    IFS=, read -r -a kernels <<<"${STREAM_KERNELS:-copy}"
    for k in "${kernels[@]}"; do
        local -a am=() cm=() ab=() cb=()
        n=""
        for ((r = 1; r <= rounds; r++)); do
            if ((native_only)); then
                n=$elements
            else
                out=$WORK/stream-$k-t$t-r$r
                log "stream $k t=$t round $r/$rounds: assay"
                if ! (cd "$ROOT" && "$ASSAY" run --suite standard --only "memory.bandwidth.$k" --threads "$t" \
                    --out "$out" --progress none) >"$out.log" 2>&1; then
                    tail -n 20 "$out.log" >&2
                    die "assay run --suite standard --only memory.bandwidth.$k --threads $t failed"
                fi
                read -r elems a_med a_best direction a_cpus unit < <(assay_result "$out/results.jsonl" \
                    "memory.bandwidth.$k" "$t" arrayElements) || exit 2
                [[ $unit == GB/s ]] || die "stream $k: Assay unit is '$unit', expected GB/s"
                n=$elems
                am+=("$a_med"); ab+=("$a_best")
            fi
            out=$WORK/native-stream-$k-t$t-r$r.txt
            log "stream $k t=$t round $r/$rounds: native N=$n"
            rc=0
            native_on "$a_cpus" "$BUILD/stream" "$k" "$n" "$t" "$reps" >"$out" 2>"$out.err" || rc=$?
            cat "$out.err" >&2
            ((rc == 0)) || die "native stream $k N=$n threads=$t failed with exit $rc (1 = did not validate)"
            [[ $(kv "$out" validation) == ok ]] || die "native stream $k did not validate ($out)"
            cm+=("$(kv "$out" "${k}_median_gbs")"); cb+=("$(kv "$out" "${k}_best_gbs")")
        done
        local a_m=- a_b=-
        if ((!native_only)); then a_m=$(agg median "${am[@]}"); a_b=$(agg max "${ab[@]}"); fi
        emit "$k.median[GB/s]" "$t" "$a_m" "$(agg median "${cm[@]}")" higher
        emit "$k.best[GB/s]" "$t" "$a_b" "$(agg max "${cb[@]}")" higher
        DETAILS+=("stream $k t=$t: N=$n doubles/array ($((n * 8 / 1048576)) MiB), cpus $a_cpus; per-round medians assay [${am[*]:-}] native [${cm[*]}]")
    done
}
