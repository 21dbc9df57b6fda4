# shellcheck shell=bash
# Row "iperf", sourced by bench/run (see bench/rows/triad.sh for what bench/run provides).
# Assay network.tcp.stream against iperf3 on loopback, in Gbit/s (decimal, both sides).
#
# Matched: the message length (Assay's messageBytes = iperf3 -l, IPERF_LEN, default 128 KiB),
# the streams (Assay runs THREADS/2 streams, at least one, as 2 workers each; iperf3 -P the
# same), and the CPUs: iperf3's client runs on the CPU of Assay's first sender and its server on
# that of Assay's first receiver (taskset), read from the bundle. iperf3 3.12 (Debian 12) runs
# all its streams in one thread per side, so above one stream its CPUs are not Assay's: the
# ratio then compares one core per side against one core per stream and says so in the notes.
# Both keep the connection open across the timed span (iperf3 -t IPERF_SECONDS, default 5; -O 1
# omits its first second, as Assay's warm-up iterations are not counted).

IPERF_LEN=${IPERF_LEN:-131072}
IPERF_SECONDS=${IPERF_SECONDS:-5}

build_iperf() {
    command -v iperf3 >/dev/null || die "iperf: iperf3 not found: apt-get install -y iperf3"
}

note_iperf() {
    echo "native is $(iperf3 --version 2>/dev/null | head -n 1) on 127.0.0.1, -l $IPERF_LEN -t $IPERF_SECONDS -O 1, client and server taskset to Assay's first sender and receiver CPUs; Gbit/s received"
}

# a free TCP port on 127.0.0.1 (the kernel's choice, released for iperf3 to take)
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

row_iperf() {
    local t=$1 r out streams=$(( $1 / 2 > 0 ? $1 / 2 : 1 )) a_med a_best direction a_cpus=0,1 unit len port pid gbps
    local snd rcv
    local -a am=() ab=() im=()
    for ((r = 1; r <= rounds; r++)); do
        if ((!native_only)); then
            out=$WORK/iperf-t$t-r$r
            log "iperf streams=$streams round $r/$rounds: assay"
            ASSAY_EXTRA=(--param "messageBytes=$IPERF_LEN")
            run_assay network.tcp.stream "$((2 * streams))" "$out"
            ASSAY_EXTRA=()
            read -r len a_med a_best direction a_cpus unit < <(assay_result "$out/results.jsonl" \
                network.tcp.stream "$((2 * streams))" messageBytes) || exit 2
            [[ $unit == Gbit/s && $len == "$IPERF_LEN" ]] || die "iperf: Assay reports $unit at messageBytes=$len"
            am+=("$a_med"); ab+=("$a_best")
        fi
        snd=${a_cpus%%,*}; rcv=$(cut -d, -f2 <<<"$a_cpus")
        port=$(free_port)
        out=$WORK/iperf3-t$t-r$r.json
        log "iperf streams=$streams round $r/$rounds: iperf3 on cpus $snd -> $rcv, port $port"
        taskset -c "$rcv" iperf3 -s -1 -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
        pid=$!
        sleep 0.3
        taskset -c "$snd" iperf3 -c 127.0.0.1 -p "$port" -l "$IPERF_LEN" -P "$streams" -t "$IPERF_SECONDS" -O 1 -J \
            >"$out" 2>&1 || { kill "$pid" 2>/dev/null; die "iperf3 client failed ($out)"; }
        wait "$pid" || true
        gbps=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
print("%.3f" % (d["end"]["sum_received"]["bits_per_second"] / 1e9))' "$out") || die "iperf3 wrote no result ($out)"
        im+=("$gbps")
    done
    local a_m=- a_b=- i_m
    i_m=$(agg median "${im[@]}")
    if ((!native_only)); then a_m=$(agg median "${am[@]}"); a_b=$(agg max "${ab[@]}"); fi
    emit "tcp.stream.median[Gbit/s]" "$((2 * streams))" "$a_m" "$i_m" higher
    local one_thread=""
    ((streams == 1)) || one_thread="; iperf3 3.12 runs its $streams streams in one thread per side"
    DETAILS+=("iperf streams=$streams len=$IPERF_LEN: iperf3 on cpus $snd->$rcv per-round Gbit/s [${im[*]}]; \
assay cpus ${a_cpus} per-round medians [${am[*]:-}] best ${a_b}$one_thread")
}
