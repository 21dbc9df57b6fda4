# shellcheck shell=bash
# Row "fio", sourced by bench/run: Assay's storage.* workloads against fio with the same block
# size, jobs, direct flag, queue depth and file size, on the same directory in the same run.
#
# Matched: --bs = params.blockSize; --numjobs = Assay's jobs (--threads), each on its own slice of
# one file (--size = FIO_SIZE / jobs, --offset_increment = the same, as Assay splits its file);
# --direct=1 (Assay uses O_DIRECT where the file system accepts it; check settings.storage.io);
# queue depth 1: --ioengine=psync --iodepth=1 (Assay's synchronous jobs, p99 of clat, the whole
# call); queue depth N: --ioengine=libaio --iodepth=N (Assay's AIO jobs, --param queueDepth=N,
# p99 of lat, submission to completion); --rw = randread/randwrite/read/write; --time_based
# --runtime=FIO_TIME. Compared are IOPS, MB/s (10^6 bytes) and p99 latency.
# Opt-in (it writes FIO_SIZE twice on the disk under test): `bench/run --only fio`.
#   FIO_DIR   directory under test (default: the repository root)
#   FIO_SIZE  file bytes (default 1 GiB, the quick suite's)   FIO_TIME  seconds per fio run (5)
#   FIO_CASES space-separated rw:bs[:qd] (default "randread:4096 randwrite:4096 read:1048576 write:1048576 randread:4096:32")

FIO_DIR=${FIO_DIR:-$ROOT}
FIO_SIZE=${FIO_SIZE:-1073741824}
FIO_TIME=${FIO_TIME:-5}
FIO_CASES=${FIO_CASES:-"randread:4096 randwrite:4096 read:1048576 write:1048576 randread:4096:32"}

build_fio() {
    [[ ,${only:-}, == *,fio,* ]] || return 0
    command -v fio >/dev/null || die "fio: fio not found: apt-get install -y fio"
}

note_fio() {
    echo "$(fio --version 2>/dev/null) --direct=1, psync at QD 1 and libaio above, numjobs = threads, file $FIO_SIZE bytes in $FIO_DIR; p99 of clat (psync) or lat (libaio), ratio native/assay"
}

# fio_figures JSON clat|lat: "iops MB/s p99_us" of the read or write side (whichever did I/O).
fio_figures() {
    python3 - "$1" "$2" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["jobs"][0]
side = j["read"] if j["read"]["io_bytes"] > 0 else j["write"]
p99 = side[sys.argv[2] + "_ns"]["percentile"]["99.000000"] / 1e3
print("%.3f %.3f %.3f" % (side["iops"], side["bw_bytes"] / 1e6, p99))
PY
}

# assay_storage RESULTS METRIC THREADS: "iops MB/s p99_us io" of the one ok result.
assay_storage() {
    python3 - "$@" <<'PY'
import json, sys
path, metric, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [json.loads(l) for l in open(path) if l.strip()]
rows = [r for r in rows if r.get("metric") == metric and r.get("threads") == threads and r.get("status") == "ok"]
if len(rows) != 1:
    print("bench/run: %s: expected one ok %s line at %d threads, found %d" % (path, metric, threads, len(rows)), file=sys.stderr)
    sys.exit(2)
s = rows[0]["secondary"]
print("%.3f %.3f %.3f %s" % (s["storage.iops"]["score"], s["storage.bandwidth"]["score"],
                             s["storage.latency.p99"]["score"], rows[0]["settings"]["storage"]["io"]))
PY
}

row_fio() {
    [[ ,${only:-}, == *,fio,* ]] || return 0
    local t=$1 case rw bs qd engine lat metric r out io per a_i a_b a_p f_i f_b f_p
    per=$((FIO_SIZE / t))
    for case in $FIO_CASES; do
        IFS=: read -r rw bs qd <<<"$case"
        qd=${qd:-1}
        engine=psync lat=clat
        ((qd == 1)) || engine=libaio lat=lat
        case $rw in
            read) metric=storage.seqread ;;
            write) metric=storage.seqwrite ;;
            *) metric=storage.$rw ;;
        esac
        local -a A_I=() A_B=() A_P=() N_I=() N_B=() N_P=()
        for ((r = 1; r <= rounds; r++)); do
            if ((!native_only)); then
                out=$WORK/$metric-$bs-t$t-r$r
                log "fio $rw bs=$bs t=$t round $r/$rounds: assay"
                ASSAY_EXTRA=(--dir "$FIO_DIR" --param "blockSize=$bs" --param "fileBytes=$FIO_SIZE" --param "queueDepth=$qd")
                run_assay "$metric" "$t" "$out"
                ASSAY_EXTRA=()
                read -r a_i a_b a_p io < <(assay_storage "$out/results.jsonl" "$metric" "$t") || exit 2
                [[ $io == direct ]] || log "warning: assay ran $io I/O on $FIO_DIR, fio runs --direct=1"
                A_I+=("$a_i"); A_B+=("$a_b"); A_P+=("$a_p")
            fi
            out=$WORK/fio-$rw-$bs-t$t-r$r.json
            log "fio $rw bs=$bs t=$t round $r/$rounds: fio"
            fio --name=assay-bench --filename="$FIO_DIR/fio-bench-assay.dat" --rw="$rw" --bs="$bs" --direct=1 \
                --ioengine="$engine" --iodepth="$qd" --numjobs="$t" --size="$per" --offset_increment="$per" \
                --lat_percentiles=1 --time_based --runtime="$FIO_TIME" --group_reporting --output-format=json >"$out" 2>"$out.err" ||
                { rm -f "$FIO_DIR/fio-bench-assay.dat"; die "fio failed ($out.err)"; }
            rm -f "$FIO_DIR/fio-bench-assay.dat"
            read -r f_i f_b f_p < <(fio_figures "$out" "$lat")
            N_I+=("$f_i"); N_B+=("$f_b"); N_P+=("$f_p")
        done
        local am_i=- am_b=- am_p=-
        if ((!native_only)); then
            am_i=$(agg median "${A_I[@]}"); am_b=$(agg median "${A_B[@]}"); am_p=$(agg median "${A_P[@]}")
        fi
        emit "$rw.$bs.qd$qd.iops" "$t" "$am_i" "$(agg median "${N_I[@]}")" higher
        emit "$rw.$bs.qd$qd.MB/s" "$t" "$am_b" "$(agg median "${N_B[@]}")" higher
        emit "$rw.$bs.qd$qd.p99[us]" "$t" "$am_p" "$(agg median "${N_P[@]}")" lower
        DETAILS+=("fio $rw bs=$bs t=$t: fio --name=assay-bench --filename=$FIO_DIR/fio-bench-assay.dat --rw=$rw --bs=$bs --direct=1 --ioengine=$engine --iodepth=$qd --numjobs=$t --size=$per --offset_increment=$per --lat_percentiles=1 --time_based --runtime=$FIO_TIME --group_reporting")
    done
}
