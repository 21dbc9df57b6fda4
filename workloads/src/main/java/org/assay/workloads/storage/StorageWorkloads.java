package org.assay.workloads.storage;

import org.assay.workloads.Workload;
import org.assay.workloads.kernel.IoPattern;

import java.util.List;

/** The storage workloads (metrics {@code storage.*}), in the order suites run them. */
public final class StorageWorkloads {
    private StorageWorkloads() {
    }

    public static List<Workload> all() {
        return List.of(
                new StorageWorkload(IoPattern.RAND_READ, "randread",
                        "random reads, 4 KiB, direct I/O, one job per channel (fio randread, psync), IOPS and latency percentiles"),
                new StorageWorkload(IoPattern.RAND_WRITE, "randwrite",
                        "random writes, 4 KiB, direct I/O (fio randwrite, psync), IOPS and latency percentiles"),
                new StorageWorkload(IoPattern.SEQ_READ, "seqread",
                        "sequential reads, 128 KiB and 1 MiB, direct I/O (fio read), MB/s (10^6 bytes) and latency percentiles"),
                new StorageWorkload(IoPattern.SEQ_WRITE, "seqwrite",
                        "sequential writes, 128 KiB and 1 MiB, direct I/O (fio write), MB/s (10^6 bytes) and latency percentiles"),
                new StorageWorkload(IoPattern.RAND_RW, "randrw",
                        "70/30 random read/write mix, 4 KiB, direct I/O (fio randrw rwmixread=70), IOPS"),
                new StorageWorkload(IoPattern.SYNC, "fsync",
                        "4 KiB sequential write + fdatasync each (fio write fdatasync=1), ops/s and fdatasync latency percentiles"));
    }

    /** Whether {@code w} writes a test file in the run's storage directory. */
    public static boolean isStorage(Workload w) {
        return w instanceof StorageWorkload;
    }
}
