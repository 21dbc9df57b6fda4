package org.assay.harness.execution;

import org.assay.harness.derived.IterationFlags;
import org.assay.harness.derived.SweepResults;
import org.assay.harness.plan.PlanEntry;
import org.assay.probes.topology.CpuTopology;
import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.Workload;
import org.assay.workloads.fork.LatencyLog;
import org.assay.workloads.fork.ProbeProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Runs one planned invocation through JMH in forked JVMs and turns JMH's result into an
 * {@link InvocationResult}: score, 99.9% interval and raw iteration samples, converted from
 * ops/s to the workload's unit by its per-operation factor (a linear scale, so the interval
 * scales with it).
 *
 * <p>JMH pitfalls handled: the host's JVM arguments would leak into forks unless
 * {@code jvmArgs} is set; with {@code failOnError} false a failing benchmark silently yields no
 * result, so it is on and an empty result is treated as a failure too.
 */
final class JmhInvocation {

    private final Path workDir;
    private final long directMemoryBytes;
    private final Path probeRoot;
    private final CpuTopology topology;
    private Map<String, String> forkProperties = Map.of();

    /** @param workDir scratch directory for JMH's per-invocation files (outside the bundle) */
    JmhInvocation(Path workDir, long directMemoryBytes) {
        this(workDir, directMemoryBytes, null, null);
    }

    /**
     * @param probeRoot root the fork's {@link ProbeProfiler} reads under; null for no probe profiler
     * @param topology  the run's layout, to say where each worker's planned CPU sits; null if unknown
     */
    JmhInvocation(Path workDir, long directMemoryBytes, Path probeRoot, CpuTopology topology) {
        this.workDir = workDir;
        this.directMemoryBytes = directMemoryBytes;
        this.probeRoot = probeRoot;
        this.topology = topology;
    }

    /** System properties every fork gets (the storage directory and I/O mode of the run). */
    JmhInvocation forkProperties(Map<String, String> properties) {
        this.forkProperties = Map.copyOf(properties);
        return this;
    }

    /**
     * Where the forks of an invocation write their latency logs ({@code LatencyLog}): one directory
     * per invocation, kept across the runs a precision target adds, read by the caller.
     */
    Path histogramDir(PlanEntry entry) {
        return workDir.resolve(scratchName(entry.invocationId()) + ".hist");
    }

    /**
     * One JMH run of an invocation. {@code whole} is JMH's result over all forks and (for a sweep)
     * all points, or the failure; {@code perFork} and {@code secondaryPerFork} are the measured
     * samples in the workload's unit and the per-iteration secondary results, per fork in
     * iteration order, from which {@link MeasuredInvocation} builds the reported results;
     * {@code pointPlacement} puts each sweep point on the CPUs its own iterations reported
     * ({@link PinningReport#placePoint}).
     */
    record Outcome(InvocationResult whole, List<List<Double>> perFork,
                   List<List<Map<String, SecondaryMetric>>> secondaryPerFork, JsonNode jmhEntries, String log,
                   double seconds, UnaryOperator<InvocationResult> pointPlacement) {

        /** An outcome whose sweep points keep the placement of the whole invocation. */
        Outcome(InvocationResult whole, List<List<Double>> perFork,
                List<List<Map<String, SecondaryMetric>>> secondaryPerFork, JsonNode jmhEntries, String log,
                double seconds) {
            this(whole, perFork, secondaryPerFork, jmhEntries, log, seconds, UnaryOperator.identity());
        }

        boolean ok() {
            return whole.status() == Status.ok && !perFork.isEmpty();
        }

        /** {@code results}: one result, or one per point of a sweep ({@link SweepResults}), as JMH scored them. */
        List<InvocationResult> results(PlanEntry entry) {
            List<Map<String, Object>> points = entry.workload().sweepPoints(entry.params());
            return points.isEmpty() || !ok() ? List.of(whole)
                    : IterationFlags.perPoint(SweepResults.split(whole, points, perFork, secondaryPerFork), points.size())
                            .stream().map(pointPlacement).toList();
        }
    }

    /**
     * A file name for an invocation's scratch files: readable, and short enough for any file
     * system (255 bytes) even when the id lists a sweep's 35 working sets; a hash of the whole id
     * keeps two long ids that share a prefix apart.
     */
    static String scratchName(String invocationId) {
        String safe = invocationId.replaceAll("[^A-Za-z0-9._=-]", "_");
        if (safe.length() <= 120) {
            return safe;
        }
        return safe.substring(0, 100) + "-" + String.format("%08x", invocationId.hashCode());
    }

    /**
     * Where the forks of an invocation append its latency histograms (HdrHistogram log), if its
     * benchmark records any: every run of the entry (precision loop included) adds to the one
     * file, which the session copies into the bundle and reads the percentiles from.
     */
    Path histogramLog(PlanEntry entry) {
        return workDir.resolve(scratchName(entry.invocationId()) + ".hlog");
    }

    Outcome run(PlanEntry entry) throws IOException {
        Workload w = entry.workload();
        MeasurementSettings m = entry.settings();
        String tag = scratchName(entry.invocationId());
        Path json = workDir.resolve(tag + ".json");
        Path log = workDir.resolve(tag + ".log");
        Path pinning = workDir.resolve(tag + ".pinning");
        Files.deleteIfExists(json);
        Files.deleteIfExists(log);
        Files.deleteIfExists(pinning);

        int feature = Runtime.version().feature();
        List<String> jvmArgs = new ArrayList<>(ForkFlags.memory(directMemoryBytes,
                w.forkHeapBytes(entry.params(), entry.threads())));
        jvmArgs.addAll(ForkFlags.forFeature(feature));
        jvmArgs.add("-Dassay.cpus=" + join(entry.cpus()));
        jvmArgs.add("-Dassay.pinning.report=" + pinning.toAbsolutePath());
        forkProperties.forEach((k, v) -> jvmArgs.add("-D" + k + "=" + v));
        jvmArgs.add("-D" + LatencyLog.DIR_PROPERTY + "=" + histogramDir(entry).toAbsolutePath());
        jvmArgs.add("-Dassay.histogram.log=" + histogramLog(entry).toAbsolutePath());
        jvmArgs.addAll(w.forkJvmArgs());
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        ChainedOptionsBuilder ob = new OptionsBuilder()
                .include("^" + Pattern.quote(w.benchmark()) + "$")
                .threads(entry.threads())
                .forks(m.forks())
                .warmupIterations(m.warmupIterations())
                .warmupTime(TimeValue.milliseconds(m.warmupMillis()))
                .measurementIterations(m.measurementIterations())
                .measurementTime(TimeValue.milliseconds(m.measurementMillis()))
                .timeout(TimeValue.seconds(Math.max(120, m.measurementMillis() / 1000 * 20)))
                .jvm(javaBin)
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .output(log.toString());
        entry.params().forEach((k, v) -> ob.param(k, String.valueOf(v)));
        if (probeRoot != null) {
            ob.addProfiler(ProbeProfiler.class, "root=" + probeRoot.toAbsolutePath());
        }

        String start = Instant.now().toString();
        long t0 = System.nanoTime();
        Collection<RunResult> runResults;
        String failure = null;
        try {
            runResults = new Runner(ob.build()).run();
            if (runResults.isEmpty()) {
                failure = "JMH returned no result: " + firstErrorLine(log, "benchmark produced nothing");
            }
        } catch (RunnerException | RuntimeException e) {
            runResults = List.of();
            failure = firstErrorLine(log, String.valueOf(e.getMessage()));
        }
        String end = Instant.now().toString();

        Map<String, Object> settings = settings(m, entry, jvmArgs, javaBin);
        PinningReport pins = PinningReport.read(pinning, entry.cpus(), topology);
        if (!pins.problems().isEmpty()) {
            settings.put("placementProblems", pins.problems());
        }
        String logText = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        JsonNode jmhEntries = Files.exists(json) && Files.size(json) > 0
                ? BundleFormat.mapper().readTree(json.toFile()) : BundleFormat.mapper().createArrayNode();

        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failure != null) {
            return new Outcome(InvocationResult.builder().invocationId(entry.invocationId())
                    .workload(w.id()).definitionVersion(w.definitionVersion()).metric(w.id())
                    .params(entry.params()).threads(entry.threads()).requestedCpus(entry.cpus())
                    .cpus(pins.observedCpus()).placement(pins.workers()).unit(w.unit()).higherIsBetter(w.higherIsBetter())
                    .status(Status.failed).reason(failure).start(start).end(end).settings(settings).build(),
                    List.of(), List.of(), jmhEntries, logText, seconds, pins::placePoint);
        }

        RunResult rr = runResults.iterator().next();
        double factor = w.scorePerOp(entry.params(), entry.threads());
        Result<?> primary = rr.getPrimaryResult();
        settings.put("mode", rr.getParams().getMode().shortLabel());
        settings.put("jmhUnit", primary.getScoreUnit());
        settings.put("unitPerJmhUnit", factor);
        settings.put("jdkVersion", rr.getParams().getJdkVersion());
        settings.put("vmVersion", rr.getParams().getVmVersion());
        List<Double> samples = new ArrayList<>();
        List<List<Double>> perFork = new ArrayList<>();
        List<List<Map<String, SecondaryMetric>>> secondaryPerFork = new ArrayList<>();
        for (BenchmarkResult br : rr.getBenchmarkResults()) {
            List<Double> fork = new ArrayList<>();
            List<Map<String, SecondaryMetric>> forkSecondary = new ArrayList<>();
            for (IterationResult ir : br.getIterationResults()) {
                fork.add(ir.getPrimaryResult().getScore() * factor);
                Map<String, SecondaryMetric> it = new LinkedHashMap<>();
                ir.getSecondaryResults().forEach((k, v) -> it.put(k, new SecondaryMetric(finite(v.getScore()), v.getScoreUnit())));
                forkSecondary.add(it);
            }
            samples.addAll(fork);
            perFork.add(fork);
            secondaryPerFork.add(forkSecondary);
        }
        double[] ci = primary.getScoreConfidence();
        Map<String, SecondaryMetric> secondary = new LinkedHashMap<>();
        for (Map.Entry<String, Result> s : rr.getSecondaryResults().entrySet()) {
            secondary.put(s.getKey(), new SecondaryMetric(finite(s.getValue().getScore()), s.getValue().getScoreUnit()));
        }
        IterationFlags.mark(rr, secondary, settings);
        InvocationResult r = InvocationResult.builder().invocationId(entry.invocationId()).workload(w.id())
                .definitionVersion(w.definitionVersion()).metric(w.id()).params(entry.params())
                .threads(entry.threads()).requestedCpus(entry.cpus()).cpus(pins.observedCpus())
                .placement(pins.workers()).unit(w.unit())
                .higherIsBetter(w.higherIsBetter())
                .score(finite(primary.getScore() * factor)).scoreError(finite(primary.getScoreError() * factor))
                .ci(ci.length == 2 && Double.isFinite(ci[0]) && Double.isFinite(ci[1])
                        ? List.of(ci[0] * factor, ci[1] * factor) : null)
                .samples(samples).status(Status.ok).secondary(secondary).start(start).end(end).settings(settings)
                .build();
        return new Outcome(r, perFork, secondaryPerFork, jmhEntries, logText, seconds, pins::placePoint);
    }

    private static Map<String, Object> settings(MeasurementSettings m, PlanEntry entry, List<String> jvmArgs,
                                                String javaBin) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("harness", "jmh");
        s.put("mode", "thrpt");
        s.put("forks", m.forks());
        s.put("warmupIterations", m.warmupIterations());
        s.put("warmupMillis", m.warmupMillis());
        s.put("measurementIterations", m.measurementIterations());
        s.put("measurementMillis", m.measurementMillis());
        s.put("benchmark", entry.workload().benchmark());
        s.put("jvm", javaBin);
        s.put("jvmArgs", jvmArgs);
        return s;
    }

    /** NaN and infinities become null in the bundle: JSON has no NaN, and zero would be a lie. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The first line of the fork's output that names an exception: the reason a user can act on. */
    static String firstErrorLine(Path log, String fallback) {
        try {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    String t = line.trim();
                    if (t.matches("^[\\w.$]+(Exception|Error)(: .*)?$") && !t.startsWith("at ")) {
                        return t;
                    }
                }
            }
        } catch (IOException e) {
            // fall through to the runner's own message
        }
        return fallback;
    }

    private static String join(List<Integer> cpus) {
        StringBuilder b = new StringBuilder();
        for (int c : cpus) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(c);
        }
        return b.toString();
    }
}
