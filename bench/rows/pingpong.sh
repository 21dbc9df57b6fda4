# shellcheck shell=bash
# Row "pingpong", sourced by bench/run (see bench/rows/triad.sh for what bench/run provides).
# Assay network.tcp.rr (closed loop, TCP_NODELAY) against bench/c/pingpong.c, the same exchange
# in C with blocking sockets: the round trip's p50 and transactions per second. netperf's TCP_RR
# would be the usual reference, but Debian 12 has no netperf package in main.
#
# Matched: the message size (PINGPONG_SIZE, default 1 byte = Assay's messageBytes), the CPUs
# (the client on Assay's client CPU, the server thread on its server CPU, from the bundle), one
# connection. The row always runs 2 threads (a client and its server), whatever THREADS says.

PINGPONG_SIZE=${PINGPONG_SIZE:-1}
PINGPONG_ROUNDS=${PINGPONG_ROUNDS:-100000}

build_pingpong() {
    if [[ ! -x $BUILD/pingpong || $BENCH/c/pingpong.c -nt $BUILD/pingpong ]]; then
        log "building $BUILD/pingpong: gcc -O3 -march=native -pthread"
        gcc -O3 -march=native -pthread -o "$BUILD/pingpong" "$BENCH/c/pingpong.c"
    fi
}

note_pingpong() {
    echo "native is bench/c/pingpong.c (blocking TCP echo in one process, TCP_NODELAY), size $PINGPONG_SIZE B, $PINGPONG_ROUNDS round trips; p50 ratio is native/assay (lower is better)"
}

# the p50 (us) of an Assay result's latency.p50 secondary
assay_p50() {
    python3 -c 'import json, sys
r = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
r = [x for x in r if x.get("metric") == "network.tcp.rr" and x.get("status") == "ok"]
print("%.3f" % r[0]["secondary"]["latency.p50"]["score"])' "$1"
}

row_pingpong() {
    local t=$1 r out a_med a_best direction a_cpus=0,1 unit size cl sv
    local -a am=() ap=() nm=() np=()
    [[ ${THREADS[0]} == "$t" ]] || return 0 # one connection: once per bench/run, at the first --threads value
    for ((r = 1; r <= rounds; r++)); do
        if ((!native_only)); then
            out=$WORK/pingpong-r$r
            log "pingpong round $r/$rounds: assay"
            ASSAY_EXTRA=(--param "messageBytes=$PINGPONG_SIZE")
            run_assay network.tcp.rr 2 "$out"
            ASSAY_EXTRA=()
            read -r size a_med a_best direction a_cpus unit < <(assay_result "$out/results.jsonl" \
                network.tcp.rr 2 messageBytes) || exit 2
            am+=("$a_med"); ap+=("$(assay_p50 "$out/results.jsonl")")
        fi
        cl=${a_cpus%%,*}; sv=$(cut -d, -f2 <<<"$a_cpus")
        out=$WORK/native-pingpong-r$r.txt
        log "pingpong round $r/$rounds: native on cpus $cl <-> $sv"
        "$BUILD/pingpong" "$PINGPONG_SIZE" "$PINGPONG_ROUNDS" "$cl" "$sv" >"$out" 2>&1 || die "native pingpong failed ($out)"
        nm+=("$(kv "$out" transactions_per_s)"); np+=("$(kv "$out" p50_us)")
    done
    local a_m=- a_p=-
    if ((!native_only)); then a_m=$(agg median "${am[@]}"); a_p=$(agg median "${ap[@]}"); fi
    emit "tcp.rr.p50[us]" 2 "$a_p" "$(agg median "${np[@]}")" lower
    emit "tcp.rr[transactions/s]" 2 "$a_m" "$(agg median "${nm[@]}")" higher
    DETAILS+=("pingpong size=$PINGPONG_SIZE: cpus $cl<->$sv; native p50 [${np[*]}] us, [${nm[*]}] trans/s; \
assay p50 [${ap[*]:-}] us, [${am[*]:-}] trans/s")
}
