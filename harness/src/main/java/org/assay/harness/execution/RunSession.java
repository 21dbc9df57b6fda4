package org.assay.harness.execution;

import org.assay.analysis.report.MarkdownReport;
import org.assay.harness.derived.FlopsPerCycle;
import org.assay.harness.derived.LatencyHistograms;
import org.assay.harness.derived.LevelResults;
import org.assay.harness.derived.SocketFigures;
import org.assay.harness.plan.MachineFacts;
import org.assay.harness.plan.PlanEntry;
import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.assay.harness.storage.StorageResults;
import org.assay.harness.storage.StorageRun;
import org.assay.results.BundleWriter;
import org.assay.results.InvocationResult;
import org.assay.results.RunManifest;
import org.assay.results.RunStatus;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.assay.results.Termination;
import org.assay.workloads.storage.StorageWorkload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Executes a plan into an open bundle: one JMH invocation at a time, each result appended the
 * moment it is known, so a crash or Ctrl-C loses only the invocation in flight.
 *
 * <p>On Ctrl-C the JVM runs the shutdown hook while the main thread may still be writing; both
 * go through {@link #lock}, and after the hook has closed the bundle (status {@code partial},
 * termination {@code interrupted}, SHA256SUMS written) the main thread writes nothing more.
 */
public final class RunSession {

    /** The run in markdown, beside the bundle's data files. */
    public static final String SUMMARY_MD = "summary.md";

    private final BundleWriter writer;
    private final List<PlanEntry> plan;
    private final MachineFacts facts;
    private final Object lock = new Object();
    private RunManifest manifest;
    private boolean closed;
    private String inFlight;
    private final double probeHz;
    private volatile ProbeSampler sampler;
    private int completed;
    private PrecisionGoal precision;
    private StorageRun storage;
    private RunObserver observer = RunObserver.NONE;

    public RunSession(BundleWriter writer, RunManifest manifest, List<PlanEntry> plan, MachineFacts facts) {
        this(writer, manifest, plan, facts, 0);
    }

    /** @param probeHz probe sampling rate for probes.csv; 0 records no time series */
    public RunSession(BundleWriter writer, RunManifest manifest, List<PlanEntry> plan, MachineFacts facts, double probeHz) {
        this.probeHz = probeHz;
        this.writer = writer;
        this.manifest = manifest;
        this.plan = plan;
        this.facts = facts;
    }

    /**
     * Measures each invocation towards {@code goal} (more forks until the interval is narrow
     * enough or its budget is spent); null measures the plan as it is.
     */
    public RunSession precision(PrecisionGoal goal) {
        this.precision = goal;
        return this;
    }

    /** The directory and I/O mode of the plan's storage workloads; null when it has none. */
    public RunSession storage(StorageRun run) {
        this.storage = run;
        return this;
    }

    /** Who watches the run live (the metrics endpoint); {@link RunObserver#NONE} by default. */
    public RunSession observe(RunObserver runObserver) {
        this.observer = runObserver;
        return this;
    }

    public List<InvocationResult> execute(ProgressReporter progress) throws IOException {
        Thread hook = new Thread(this::onInterrupt, "assay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Path scratch = Files.createTempDirectory("assay-jmh-");
        List<InvocationResult> results = new ArrayList<>();
        try {
            JmhInvocation jmh = new JmhInvocation(scratch, facts.directMemoryBytes(), facts.root(),
                    facts.sizing().topology());
            if (storage != null) {
                jmh.forkProperties(storage.forkProperties());
            }
            synchronized (lock) {
                sampler = probeHz > 0 ? ProbeSampler.start(facts.probes(), writer, probeHz, observer) : null;
            }
            for (int i = 0; i < plan.size(); i++) {
                PlanEntry e = plan.get(i);
                synchronized (lock) {
                    if (closed) {
                        break;
                    }
                    inFlight = e.invocationId();
                }
                progress.started(i, e);
                observer.started(i, plan.size(), e);
                mark("start", e);
                // steal and busy time of the invocation's own CPUs: another tenant on a CPU the
                // workers never used says nothing about this score
                StealMeter steal = new StealMeter(facts.root(), e.cpus());
                Path histogramLog = jmh.histogramLog(e);
                Files.deleteIfExists(histogramLog);
                List<JmhInvocation.Outcome> runs = new ArrayList<>();
                runs.add(jmh.run(e));
                Map<String, Object> precisionFields = precision == null ? PrecisionLoop.none()
                        : PrecisionLoop.extend(jmh::run, e, precision.target(e), runs);
                mark("end", e);
                Map<String, SecondaryMetric> stolen = steal.finish();
                List<InvocationResult> rs = MeasuredInvocation.results(e, runs, precisionFields).stream()
                        .map(r -> withSecondary(r, stolen)).map(RunSession::withCycles)
                        .map(FlopsPerCycle::derive).toList();
                if (storage != null && e.workload() instanceof StorageWorkload) {
                    storage.removeFiles(); // a fork killed outright removed nothing
                    synchronized (lock) {
                        if (closed) {
                            break;
                        }
                        rs = StorageResults.completeAll(rs, e, jmh.histogramDir(e), writer, storage);
                    }
                }
                boolean histograms = Files.exists(histogramLog) && Files.size(histogramLog) > 0;
                Map<String, SecondaryMetric> latency = histograms ? LatencyHistograms.percentiles(Files.readAllBytes(histogramLog)) : Map.of();
                rs = rs.stream().map(r -> withSecondary(r, latency)).map(SocketFigures::withCpuEfficiency).toList();
                synchronized (lock) {
                    if (closed) {
                        break;
                    }
                    for (JmhInvocation.Outcome o : runs) {
                        writer.appendJmhEntries(o.jmhEntries());
                        appendLog(o.log());
                    }
                    if (histograms) {
                        Files.copy(histogramLog, writer.histogramPath(e.invocationId()));
                    }
                    for (InvocationResult r : rs) {
                        writer.append(r);
                    }
                    completed++;
                    inFlight = null;
                }
                results.addAll(rs);
                observer.finished(e, rs);
                progress.finished(e, rs.size() == 1 ? describe(rs.get(0)) : rs.size() + " points");
            }
            // derived results (cache levels from the chase curve) once everything they need ran
            List<InvocationResult> derived = LevelResults.derive(results, facts.caches());
            synchronized (lock) {
                if (!closed) {
                    for (InvocationResult d : derived) {
                        writer.append(d);
                    }
                    results.addAll(derived);
                    long failed = results.stream().filter(r -> r.status() == Status.failed).count();
                    RunStatus status = failed == 0 ? RunStatus.complete : RunStatus.partial;
                    String reason = failed == 0 ? null : failed + " of " + plan.size() + " invocation(s) failed";
                    finish(status, reason, Termination.normal);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A harness fault (a full disk, a bug) loses the invocation in flight, not the bundle:
            // what finished stays, checksummed, and run.json says what stopped the run.
            synchronized (lock) {
                if (!closed) {
                    String reason = "harness error after " + completed + " of " + plan.size() + " invocation(s)"
                            + (inFlight != null ? ", in " + inFlight : "") + ": " + e;
                    try {
                        finish(RunStatus.partial, reason, Termination.error);
                    } catch (IOException | RuntimeException closing) {
                        e.addSuppressed(closing);
                    }
                }
            }
            throw e;
        } finally {
            if (sampler != null) {
                sampler.close();   // after a failure too: no sampler thread outlives the run
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it owns the bundle now
            }
            deleteQuietly(scratch);
            if (storage != null) {
                storage.removeFiles();
            }
        }
        return results;
    }

    /** JMH's human-readable output, all invocations in one file, for diagnosing a failure. */
    private void appendLog(String text) throws IOException {
        if (!text.isEmpty()) {
            Files.writeString(writer.dir().resolve("jmh.log"), text, java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private void onInterrupt() {
        if (storage != null) {
            storage.removeFiles(); // the fork's own hook removes its file too; this covers one killed outright
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            String reason = "interrupted after " + completed + " of " + plan.size() + " invocation(s)"
                    + (inFlight != null ? "; lost the one in flight: " + inFlight : "");
            try {
                finish(RunStatus.partial, reason, Termination.interrupted);
                System.err.println("assay: " + reason + "; bundle closed: " + writer.dir());
            } catch (IOException e) {
                System.err.println("assay: interrupted, and the bundle could not be closed: " + e.getMessage());
            }
        }
    }

    private void mark(String event, PlanEntry e) {
        ProbeSampler s = sampler;
        if (s != null) {
            s.mark(event, e.invocationId());
        }
    }

    private void finish(RunStatus status, String reason, Termination termination) throws IOException {
        if (sampler != null) {
            sampler.close();       // its last rows must land before SHA256SUMS is written
        }
        manifest = manifest.withEnd(Instant.now().toString(), status, reason, termination);
        writeSummary();
        writer.finish(manifest);
        closed = true;
    }

    /**
     * {@code summary.md}, the run in markdown for a terminal or a pull request, written before
     * SHA256SUMS so the sums cover it. A summary that cannot be written costs the summary, never
     * the bundle: the run is still finished.
     */
    private void writeSummary() {
        try {
            Bundle b = new Bundle(writer.dir(), manifest, BundleReader.readResults(writer.dir()));
            Files.writeString(writer.dir().resolve(SUMMARY_MD), MarkdownReport.summary(b), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("assay: " + SUMMARY_MD + " not written: " + e.getMessage());
        }
    }

    /** Adds the host-side measurements taken around the invocation (steal, utilisation). */
    private static InvocationResult withSecondary(InvocationResult r, Map<String, SecondaryMetric> extra) {
        if (extra.isEmpty()) {
            return r;
        }
        Map<String, SecondaryMetric> s = new LinkedHashMap<>(r.secondary() == null ? Map.of() : r.secondary());
        s.putAll(extra);
        return r.withSecondary(s);
    }

    /**
     * A latency in core cycles as well as ns, where the clock of its iterations is known: ns alone
     * mixes the memory system with the clock (the same 4 ns L2 hit is 14 cycles at 3.6 GHz and 10
     * at 2.6), and cycles are what cache latencies are quoted in. The measured clock (APERF/MPERF,
     * cpufreq) is preferred; an estimated one gives {@code latency.cycles.estimated}, never the
     * plain name, so a reader knows which. Both come from the fork's profiler, which publishes
     * them only for the workers' CPUs: a clock averaged over the machine or estimated on JMH's
     * control thread has another name ({@code probe.clock.allCpus},
     * {@code probe.clock.estimated.controlThread}) and gives no cycles.
     */
    static InvocationResult withCycles(InvocationResult r) {
        if (!"ns".equals(r.unit()) || r.score() == null || r.secondary() == null) {
            return r;
        }
        SecondaryMetric measured = r.secondary().get("probe.clock");
        SecondaryMetric estimated = r.secondary().get("probe.clock.estimated");
        boolean exact = measured != null && measured.score() != null && measured.score() > 0;
        SecondaryMetric clock = exact ? measured : estimated;
        if (clock == null || clock.score() == null || !(clock.score() > 0)) {
            return r;
        }
        double cycles = r.score() * clock.score() / 1000.0;
        return withSecondary(r, Map.of(exact ? "latency.cycles" : "latency.cycles.estimated",
                new SecondaryMetric(cycles, "cycles")));
    }

    private static String describe(InvocationResult r) {
        if (r.status() != Status.ok) {
            return r.status() + ": " + r.reason();
        }
        return String.format(java.util.Locale.ROOT, "%.4g ± %s %s", r.score(),
                r.scoreError() == null ? "?" : String.format(java.util.Locale.ROOT, "%.2g", r.scoreError()), r.unit());
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch files in the temp directory; nothing of the bundle
        }
    }
}
