package org.assay.harness.execution;

import org.assay.probes.Probe;
import org.assay.probes.ProbeSet;
import org.assay.probes.Reading;
import org.assay.results.BundleWriter;
import org.assay.results.ProbeSample;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records the probes into {@code probes.csv} at a fixed rate for the whole run, in the parent
 * process (the forks are left alone), with a {@code workload.start}/{@code workload.end} row
 * around each invocation so a report can shade where each workload ran.
 *
 * <p>It measures itself: the sampler thread's CPU time per sample is the last row
 * ({@code sampler.cpuPerSample}, ms), so every bundle shows what the sampling cost. A write that
 * fails (the bundle was closed by Ctrl-C) stops the sampler, never the run.
 */
public final class ProbeSampler implements AutoCloseable {

    /** Static or proof-of-access probes: nothing to chart. */
    private static final Set<String> SKIPPED = Set.of("cpuid", "msr");

    private final ProbeSet probes;
    private final BundleWriter writer;
    private final ScheduledExecutorService timer;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final RunObserver observer;
    private volatile boolean failed;
    private boolean closed;
    private long samples;
    private long cpuNanos;

    private ProbeSampler(ProbeSet probes, BundleWriter writer, double hz, RunObserver observer) {
        this.probes = probes;
        this.writer = writer;
        this.observer = observer;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "assay-probe-sampler");
            t.setDaemon(true);
            return t;
        });
        long periodMicros = Math.round(1_000_000 / hz);
        timer.scheduleAtFixedRate(this::sample, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /**
     * Starts sampling {@code set} at {@code hz} (0 < hz ≤ 100). The set stays the caller's: the
     * run opens one for the manifest's probe statuses and this time series, and closes it itself.
     */
    public static ProbeSampler start(ProbeSet set, BundleWriter writer, double hz, RunObserver observer) {
        // One sample before the run: it primes the rate probes and lets the clock estimator warm
        // up (50-300 ms of CPU, once) now rather than during the first workload.
        take(set, Instant.now().toString());
        return new ProbeSampler(set, writer, hz, observer);
    }

    /** A workload start or end row: probe {@code workload.start|end}, scope = invocation id. */
    void mark(String event, String invocationId) {
        write(List.of(new ProbeSample(Instant.now().toString(), "workload." + event, invocationId, Double.NaN, "")));
    }

    private void sample() {
        if (failed) {
            return;
        }
        long c0 = threads.getCurrentThreadCpuTime();
        List<ProbeSample> rows = take(probes, Instant.now().toString());
        cpuNanos += threads.getCurrentThreadCpuTime() - c0;
        samples++;
        write(rows);
        observer.probed(rows);
    }

    /** One full sample of every available probe except the static ones, as probes.csv rows. */
    static List<ProbeSample> take(ProbeSet probes, String timestamp) {
        List<ProbeSample> rows = new ArrayList<>();
        for (Probe p : probes.probes()) {
            if (SKIPPED.contains(p.id()) || !p.availability().available()) {
                continue;
            }
            for (Reading r : ProbeSet.safeRead(p)) {
                rows.add(new ProbeSample(timestamp, r.name(), r.scope(), r.value(), r.unit()));
            }
        }
        return rows;
    }

    private void write(List<ProbeSample> rows) {
        if (failed) {
            return;
        }
        try {
            writer.appendProbeSamples(rows);
        } catch (IOException | RuntimeException e) {
            failed = true;      // the bundle is closed or the disk is full: stop sampling, keep running
        }
    }

    /** Stops sampling and writes the cost row; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (samples > 0) {
            write(List.of(new ProbeSample(Instant.now().toString(), "sampler.cpuPerSample", "",
                    cpuNanos / 1e6 / samples, "ms")));
        }
    }
}
