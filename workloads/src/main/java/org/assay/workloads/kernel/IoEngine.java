package org.assay.workloads.kernel;

import org.HdrHistogram.Histogram;

import java.io.Closeable;
import java.io.IOException;

/** One storage job's way of doing I/O: synchronous ({@link IoJob}) or queued ({@link AioJob}). */
public interface IoEngine extends Closeable {

    /** One completed I/O; returns the bytes moved. */
    long op() throws IOException;

    /** Latencies are recorded only while on: off for warm-up, on for measurement. */
    void recording(boolean on);

    /** Every latency recorded so far, ns. */
    Histogram latency();

    long reads();

    long writes();
}
