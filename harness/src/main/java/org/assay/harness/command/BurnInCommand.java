package org.assay.harness.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.analysis.judging.AcceptanceReport;
import org.assay.analysis.judging.JunitXml;
import org.assay.analysis.judging.OcptvOutput;
import org.assay.analysis.judging.Verdict;
import org.assay.harness.AssayVersion;
import org.assay.harness.UsageException;
import org.assay.harness.burnin.BurnInCheck;
import org.assay.harness.burnin.BurnInMetrics;
import org.assay.harness.burnin.BurnInReport;
import org.assay.harness.burnin.BurnInRun;
import org.assay.harness.burnin.Component;
import org.assay.harness.burnin.CpuStressor;
import org.assay.harness.burnin.ErrorLog;
import org.assay.harness.burnin.FaultHook;
import org.assay.harness.burnin.LiveStatus;
import org.assay.harness.burnin.LiveView;
import org.assay.harness.burnin.PhasePlanner;
import org.assay.harness.burnin.PhaseSpec;
import org.assay.harness.burnin.ProbeWatch;
import org.assay.harness.burnin.ResourceLimits;
import org.assay.harness.burnin.Thresholds;
import org.assay.harness.execution.ProbeSampler;
import org.assay.harness.live.LiveMetrics;
import org.assay.harness.live.MetricsOptions;
import org.assay.harness.live.MetricsServer;
import org.assay.harness.execution.ProgressReporter;
import org.assay.harness.plan.MachineFacts;
import org.assay.profiles.BurnInPlan;
import org.assay.profiles.BurnInPlanReader;
import org.assay.profiles.BurnInThresholds;
import org.assay.profiles.Profile;
import org.assay.profiles.ProfileException;
import org.assay.profiles.Quantities;
import org.assay.results.BundleException;
import org.assay.results.BundleFormat;
import org.assay.results.BundleWriter;
import org.assay.results.RunManifest;
import org.assay.results.RunStatus;
import org.assay.results.Termination;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code assay burn-in} (alias {@code stress}): every component loaded at once for a duration or
 * the phases of a plan, every operation verified, throughput recorded per interval, and a
 * stability verdict. Exit status as {@code assay accept}'s: 0 PASS, 1 FAIL, 3 INCONCLUSIVE, 2 bad
 * input (checked before anything is written). The engine is {@code org.assay.harness.burnin};
 * this class reads options, checks them, and writes what the engine found.
 */
@Command(name = "burn-in", aliases = "stress", mixinStandardHelpOptions = true,
        description = {"Load CPU, memory, storage and network at once, verify every result, and judge stability.",
                "Components: --cpu, --memory, --storage, --network (default: all four). Exit status: 0 PASS, 1 FAIL "
                        + "(a wrong result, a throughput drop beyond noise, too hot, hardware errors), 3 INCONCLUSIVE "
                        + "(too noisy to judge, or interrupted), 2 bad input. See docs/burn-in.md."})
public final class BurnInCommand implements Callable<Integer> {

    @Option(names = "--duration", paramLabel = "DURATION", description = "How long to run, e.g. 30s, 2m, 4h (default: 10m).")
    String duration;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Throughput interval (default: the plan's, else 10s, shorter for a phase under 400 s: "
                    + "a fortieth of it, at least 1s).")
    String interval;

    @Option(names = "--cpu", arity = "0..1", fallbackValue = "0", paramLabel = "THREADS",
            description = "CPU load: DGEMM, FFT and sieve rounds, each checked; THREADS (default: one per usable CPU).")
    Integer cpuThreads;

    @Option(names = "--cpu-kernels", split = ",", paramLabel = "K", description = "Kernels of a CPU round: dgemm, fft, sieve (default: all).")
    List<String> cpuKernels;

    @Option(names = "--memory", arity = "0..1", fallbackValue = "25%", paramLabel = "SIZE|PCT",
            description = "Memory patterns over SIZE (e.g. 2GiB) or a share of what the machine can spare (default 25%%).")
    String memory;

    @Option(names = "--memory-threads", paramLabel = "N", description = "Memory threads (default: one per usable CPU).")
    Integer memoryThreads;

    @Option(names = "--storage", paramLabel = "DIR", description = "Checksummed block writes and reads in files under DIR (removed at the end).")
    Path storage;

    @Option(names = "--storage-size", paramLabel = "SIZE|PCT", description = "Bytes of storage files (default: 256MiB).")
    String storageSize;

    @Option(names = "--storage-depth", paramLabel = "N", description = "I/Os in flight, one file and thread each (default: 2).")
    Integer storageDepth;

    @Option(names = "--network", arity = "0..1", fallbackValue = "1", paramLabel = "CONNECTIONS",
            description = "Checksummed loopback TCP streams (default: 1 connection).")
    Integer connections;

    @Option(names = "--plan", paramLabel = "FILE", description = "Phases from a YAML plan file instead of the options above (docs/burn-in.md).")
    Path plan;

    @Option(names = "--cpus", paramLabel = "LIST", description = "CPUs the burn-in may use (kernel list syntax). Default: all allowed.")
    String cpus;

    @Option(names = "--out", paramLabel = "DIR", description = "Bundle directory (default: runs/<timestamp>_<host>_burn-in/).")
    Path out;

    @Option(names = "--profile", paramLabel = "ID|FILE", description = "Take thresholds from this profile's burnIn section.")
    String profileName;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the checks as JUnit XML.")
    Path junit;

    @Option(names = "--ocptv", paramLabel = "FILE", description = "Also write the checks as OCP Test & Validation 2.0 JSON lines.")
    Path ocptv;

    @Option(names = "--max-drop", paramLabel = "PCT", description = "Largest first-to-last-quarter throughput drop (default 10%%).")
    String maxDrop;

    @Option(names = "--max-cv", paramLabel = "PCT", description = "Largest coefficient of variation before INCONCLUSIVE (default 15%%).")
    String maxCv;

    @Option(names = "--max-temp", paramLabel = "CELSIUS", description = "Stop with FAIL when a sensor reaches this (default 95).")
    Double maxTemp;

    @Option(names = "--max-steal", paramLabel = "PCT", description = "Mean steal above which the trend is INCONCLUSIVE (default 5%%).")
    String maxSteal;

    @Option(names = "--max-throttle-events", paramLabel = "N", description = "Thermal-throttle events allowed (default 0).")
    Long maxThrottle;

    @Option(names = "--max-corrected-errors", paramLabel = "N", description = "Corrected memory errors (EDAC) allowed (default 0).")
    Long maxCorrected;

    @Option(names = "--probe-rate", paramLabel = "HZ", defaultValue = "1",
            description = "Probe samples per second into probes.csv; 0 = none (default: ${DEFAULT-VALUE}).")
    double probeRate;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (a line redrawn on a terminal, plain lines otherwise), plain or none.")
    ProgressReporter.Mode progress;

    @Option(names = "--keep-errors", paramLabel = "N", defaultValue = "100",
            description = "Errors kept in full in burnin.json; all are counted (default: ${DEFAULT-VALUE}).")
    int keepErrors;

    /** The live /metrics endpoint; null when not asked for. */
    private MetricsServer metricsServer;
    private final LiveMetrics liveMetrics = new LiveMetrics();

    /** Longest a Ctrl-C waits for the verdict and the bundle: the workers' join plus the writing. */
    static final long HOOK_SECONDS = 60;

    @Mixin
    RootOption root;

    @Mixin
    OutputOptions output;

    @Mixin
    MetricsOptions metricsOptions;

    @Override
    public Integer call() throws Exception {
        // every check of the input first: bad input writes nothing
        JudgeInputs.checkWritable(junit, "--junit");
        JudgeInputs.checkWritable(ocptv, "--ocptv");
        if (!(probeRate >= 0 && probeRate <= 100)) {
            throw new UsageException("--probe-rate " + probeRate + ": must be between 0 (off) and 100 samples per second");
        }
        if (keepErrors < 0) {
            throw new UsageException("--keep-errors " + keepErrors + ": give 0 or more");
        }
        if (output.json()) {
            throw new UsageException("--json: not for burn-in (its JSON is burnin.json in the bundle)");
        }
        metricsOptions.bindAddress(); // a bad port or address is refused before anything else speaks
        Path rootDir = root.directory();
        FaultHook faults;
        try {
            faults = FaultHook.fromSystemProperty();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        Profile profile = profileName == null ? null : JudgeInputs.profile(profileName);
        BurnInPlan planFile = plan == null ? null : readPlan();
        BurnInThresholds cli = new BurnInThresholds(percent(maxDrop, "--max-drop"), percent(maxCv, "--max-cv"), maxTemp,
                maxThrottle, maxSteal == null ? null : percent(maxSteal, "--max-steal") * 100, maxCorrected);
        if (maxTemp != null && !(maxTemp > 0 && maxTemp <= 150)) {
            throw new UsageException("--max-temp " + maxTemp + ": give degrees Celsius above 0 and at most 150");
        }
        BurnInThresholds base = profile == null ? BurnInThresholds.NONE : profile.burnIn();
        Double intervalGiven = interval != null ? Double.valueOf(seconds(interval, "--interval"))
                : planFile != null ? planFile.intervalSeconds() : null;

        try (MachineFacts facts = MachineFacts.read(rootDir, cpus, true)) {
            Path dir = out != null ? out : RunCommand.defaultOut("burn-in", facts.hostName());
            RunCommand.BundleTarget.check(dir);
            PhasePlanner planner = new PhasePlanner(facts.sizing().usableCpus(), ResourceLimits.memory(rootDir));
            List<PhaseSpec> phases = planFile != null ? phasesOf(planFile, planner, cli, base)
                    : List.of(singlePhase(planner, cli.over(base), RunCommand.bundleParent(dir)));
            double intervalSeconds = intervalGiven != null ? intervalGiven
                    : defaultInterval(phases.stream().mapToDouble(PhaseSpec::seconds).min().orElse(600));
            boolean vectorKernels = phases.stream().anyMatch(p -> !p.cpuCpus().isEmpty()
                    && (p.cpuKernels().contains("dgemm") || p.cpuKernels().contains("fft")));
            if (vectorKernels && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                throw new UsageException("the dgemm and fft kernels need the JVM flag --add-modules=jdk.incubator.vector "
                        + "(./assay adds it for burn-in), or --cpu-kernels sieve");
            }
            try (MetricsServer server = metricsOptions.start(liveMetrics)) {
                metricsServer = server;
                return run(facts, dir, phases, intervalSeconds, faults, profile, planFile);
            }
        }
    }

    private BurnInPlan readPlan() {
        List<String> clash = new ArrayList<>();
        if (duration != null) {
            clash.add("--duration");
        }
        if (cpuThreads != null || memory != null || storage != null || connections != null) {
            clash.add("--cpu/--memory/--storage/--network");
        }
        if (!clash.isEmpty()) {
            throw new UsageException(String.join(", ", clash) + ": not with --plan (the plan gives each phase its "
                    + "duration and components)");
        }
        try {
            return BurnInPlanReader.read(plan);
        } catch (ProfileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private List<PhaseSpec> phasesOf(BurnInPlan p, PhasePlanner planner, BurnInThresholds cli, BurnInThresholds base) {
        List<PhaseSpec> out = new ArrayList<>();
        for (BurnInPlan.Phase ph : p.phases()) {
            Thresholds t = Thresholds.of(cli.over(ph.criteria().over(p.thresholds().over(base))));
            PhasePlanner.Request r = new PhasePlanner.Request(ph.name(), ph.seconds(),
                    ph.cpu() == null ? null : ph.cpu().threads() == null ? 0 : ph.cpu().threads(), kernels(),
                    ph.memory() == null ? null : ph.memory().size() == null ? Quantities.size("25%") : ph.memory().size(),
                    ph.memory() == null ? null : ph.memory().threads(),
                    ph.storage() == null ? null : Path.of(ph.storage().dir()), ph.storage() == null ? null : ph.storage().size(),
                    ph.storage() == null ? null : ph.storage().queueDepth(),
                    ph.network() == null ? null : ph.network().connections() == null ? 1 : ph.network().connections(), t);
            out.add(planner.resolve(r, p.source() + ":" + ph.line() + ": phase '" + ph.name() + "'"));
        }
        return out;
    }

    private PhaseSpec singlePhase(PhasePlanner planner, BurnInThresholds given, Path defaultStorage) {
        boolean none = cpuThreads == null && memory == null && storage == null && connections == null;
        double seconds = duration == null ? 600 : seconds(duration, "--duration");
        Integer cpu = none ? Integer.valueOf(0) : cpuThreads;
        if (cpu != null && cpu < 0) {
            throw new UsageException("--cpu " + cpu + ": give a thread count of 1 or more (or no value: one per CPU)");
        }
        Quantities.Size mem = none ? Quantities.size("25%") : memory == null ? null : size(memory, "--memory");
        Path dir = none ? defaultStorage : storage;
        Integer conns = none ? Integer.valueOf(1) : connections;
        if (conns != null && conns < 1) {
            throw new UsageException("--network " + conns + ": give 1 or more connections");
        }
        if (storageDepth != null && storageDepth < 1) {
            throw new UsageException("--storage-depth " + storageDepth + ": give 1 or more");
        }
        if (memoryThreads != null && memoryThreads < 1) {
            throw new UsageException("--memory-threads " + memoryThreads + ": give 1 or more");
        }
        return planner.resolve(new PhasePlanner.Request("burn-in", seconds, cpu, kernels(), mem, memoryThreads, dir,
                storageSize == null ? null : size(storageSize, "--storage-size"), storageDepth, conns,
                Thresholds.of(given)), "--memory");
    }

    private Set<String> kernels() {
        if (cpuKernels == null) {
            return new LinkedHashSet<>(CpuStressor.KERNELS);
        }
        Set<String> k = new LinkedHashSet<>();
        for (String s : cpuKernels) {
            String name = s.strip().toLowerCase(Locale.ROOT);
            if (!CpuStressor.KERNELS.contains(name)) {
                throw new UsageException("--cpu-kernels " + String.join(",", cpuKernels) + ": '" + s
                        + "' is not a kernel; give some of dgemm, fft, sieve");
            }
            k.add(name);
        }
        return k;
    }

    private int run(MachineFacts facts, Path dir, List<PhaseSpec> phases, double intervalSeconds, FaultHook faults,
                    Profile profile, BurnInPlan planFile) throws Exception {
        PrintWriter console = output.out();
        AssayVersion version = AssayVersion.current();
        RunManifest manifest = RunManifest.builder().assayVersion(version.version()).commit(version.commit())
                .dirty(version.dirty()).command(RunCommand.commandLine()).workingDirectory(Path.of("").toAbsolutePath().toString())
                .host(facts.hostName()).suite("burn-in").start(Instant.now().toString())
                .inventory(facts.inventoryJson()).environment(facts.environmentChecks())
                .probes(facts.probeStatuses()).plan(List.of()).build();
        BundleWriter writer;
        try {
            writer = BundleWriter.create(dir, manifest);
        } catch (BundleException e) {
            throw new UsageException(e.getMessage());
        }
        double total = phases.stream().mapToDouble(PhaseSpec::seconds).sum();
        console.println("assay burn-in: " + phases.size() + " phase(s), " + ProgressReporter.fmt(total) + "; "
                + describe(phases) + "; bundle " + dir);
        if (!faults.armed().isEmpty()) {
            console.println("assay burn-in: TEST FAULT HOOK armed (" + FaultHook.PROPERTY + "): one bit will be flipped in "
                    + faults.armed().stream().map(Component::id).sorted().toList());
        }
        console.flush();

        ErrorLog errors = new ErrorLog(keepErrors);
        ProbeWatch watch = new ProbeWatch();
        List<LiveStatus.Sink> sinks = new ArrayList<>();
        if (progress != ProgressReporter.Mode.none) {
            boolean tty = progress == ProgressReporter.Mode.auto && ProgressReporter.onTerminal();
            sinks.add(new LiveView(console, tty, Math.max(intervalSeconds, 10)));
        }
        if (metricsServer != null) {
            sinks.add(new BurnInMetrics(liveMetrics, facts.hostName()));
            console.println("assay burn-in: live metrics at " + metricsServer.url());
            console.flush();
        }
        String runId = dir.getFileName().toString();
        BurnInRun burnIn = new BurnInRun(phases, intervalSeconds, facts.root(), facts.sizing().usableCpus(), runId, errors,
                faults, watch, sinks);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            burnIn.interrupt();
            try {
                // the main thread judges what ran, removes the files and closes the bundle
                done.await(HOOK_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "assay-burnin-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ProbeSampler sampler = probeRate > 0 ? ProbeSampler.start(facts.probes(), writer, probeRate, watch) : null;
        BurnInRun.Outcome outcome;
        try {
            try {
                outcome = burnIn.execute(writer);
            } finally {
                if (sampler != null) {
                    sampler.close();
                }
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("intervalSeconds", intervalSeconds);
            settings.put("cpus", facts.sizing().usableCpus());
            settings.put("thresholdsFrom", thresholdsFrom(profile, planFile));
            settings.put("phases", phases);
            byte[] json = BundleFormat.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(BurnInReport.document(outcome, errors, faults, settings,
                            List.of("memory: " + ResourceLimits.memory(facts.root()).explanation())));
            writer.writeFile(BurnInReport.FILE, json);
            Verdict verdict = outcome.verdict();
            RunStatus status = outcome.interrupted() ? RunStatus.partial : RunStatus.complete;
            writer.finish(writer.manifest().withEnd(Instant.now().toString(), status,
                    outcome.interrupted() ? "interrupted after " + ProgressReporter.fmt(outcome.seconds()) : "burn-in " + verdict,
                    outcome.interrupted() ? Termination.interrupted : Termination.normal));
            AcceptanceReport report = BurnInReport.acceptance(dir.toString(), thresholdsFrom(profile, planFile), outcome);
            writeJudgements(report, facts);
            print(console, outcome, errors, dir);
            return report.exitCode();
        } catch (RuntimeException | java.io.IOException e) {
            // a harness fault: what was written stays; the bundle says the run ended in error
            try {
                writer.finish(writer.manifest().withEnd(Instant.now().toString(), RunStatus.failed, "harness error: " + e,
                        Termination.error));
            } catch (RuntimeException | java.io.IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for the latch above
            }
        }
    }

    private void writeJudgements(AcceptanceReport report, MachineFacts facts) throws java.io.IOException {
        if (junit != null) {
            JudgeInputs.writeWhole(junit, JunitXml.write(report, "assay burn-in " + report.run()));
        }
        if (ocptv != null) {
            JsonNode cpu = facts.inventoryJson().path("cpu");
            OcptvOutput.RunInfo info = new OcptvOutput.RunInfo(facts.hostName(), cpu.path("name").asText(null),
                    cpu.path("vendor").asText(null), AssayVersion.current().describe(),
                    "assay " + String.join(" ", CommandLineCapture.args()));
            JudgeInputs.writeWhole(ocptv, String.join("\n", OcptvOutput.lines(report, info, Clock.systemUTC(), "assay burn-in")) + "\n");
        }
    }

    private static String thresholdsFrom(Profile profile, BurnInPlan planFile) {
        if (planFile != null) {
            return planFile.source();
        }
        return profile != null ? profile.id() : "defaults";
    }

    private static void print(PrintWriter out, BurnInRun.Outcome o, ErrorLog errors, Path dir) {
        out.println();
        for (BurnInRun.PhaseResult p : o.phases()) {
            StringBuilder b = new StringBuilder("phase " + p.name() + " (" + ProgressReporter.fmt(p.seconds()) + "):");
            p.mean().forEach((c, v) -> b.append(String.format(Locale.ROOT, "  %s %.4g %s", c, v, Component.of(c).unit())));
            out.println(b);
        }
        TextTable t = new TextTable("  ");
        t.row("verdict", "check", "phase", "measured", "rule");
        for (BurnInCheck c : o.checks()) {
            t.row(c.verdict().toString().toUpperCase(Locale.ROOT), c.name(), c.phase(),
                    c.value() == null ? "-" : String.format(Locale.ROOT, "%.4g %s", c.value(), c.unit()), c.rule());
        }
        t.print(out);
        o.checks().stream().filter(c -> c.verdict() != Verdict.PASS)
                .forEach(c -> out.println("  " + c.name() + " [" + c.phase() + "]: " + c.verdict() + ": " + c.message()));
        errors.first().stream().limit(5).forEach(e -> out.println("  error: " + e.describe()));
        if (o.interrupted()) {
            out.println("interrupted: the verdict covers " + ProgressReporter.fmt(o.seconds()) + " only");
        }
        out.println("Verdict: " + o.verdict().toString().toUpperCase(Locale.ROOT) + " (" + errors.total() + " error(s))");
        out.println("bundle: " + dir + "  (check it with: assay verify " + dir + ")");
        out.flush();
    }

    private static String describe(List<PhaseSpec> phases) {
        PhaseSpec p = phases.get(0);
        List<String> parts = new ArrayList<>();
        if (!p.cpuCpus().isEmpty()) {
            parts.add("cpu " + p.cpuCpus().size() + " thread(s)");
        }
        if (!p.memoryCpus().isEmpty()) {
            parts.add("memory " + org.assay.probes.inventory.ByteSizes.format(p.memoryBytes()) + " in " + p.memoryCpus().size()
                    + " thread(s)");
        }
        if (!p.storageCpus().isEmpty()) {
            parts.add("storage " + org.assay.probes.inventory.ByteSizes.format(p.storageBytes()) + " in " + p.storageDir()
                    + " at depth " + p.storageCpus().size());
        }
        if (!p.networkCpus().isEmpty()) {
            parts.add("network " + p.networkCpus().size() / 2 + " connection(s)");
        }
        return (phases.size() > 1 ? "first phase: " : "") + String.join(", ", parts);
    }

    private static double seconds(String text, String option) {
        try {
            return Quantities.seconds(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }

    private static Quantities.Size size(String text, String option) {
        try {
            return Quantities.size(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }

    /**
     * 10 s, or a fortieth of the shortest phase when that is shorter (at least 1 s): the trend
     * test compares quarters, and a 2-minute run at 10 s would give quarters of two intervals,
     * too few for any interval to be narrow.
     */
    static double defaultInterval(double shortestPhaseSeconds) {
        return Math.max(1, Math.min(10, shortestPhaseSeconds / 40));
    }

    /** "10%" or "10" as the fraction 0.10; null stays null. */
    static Double percent(String text, String option) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        double v;
        try {
            v = Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v > 0 && v <= 100)) {
            throw new UsageException(option + " " + text + ": give a percentage above 0 and at most 100, e.g. 10%");
        }
        return v / 100;
    }

}
