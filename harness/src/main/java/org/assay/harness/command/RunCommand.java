package org.assay.harness.command;

import org.assay.harness.AssayVersion;
import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.harness.storage.StorageRun;
import org.assay.analysis.PrecisionTarget;
import org.assay.harness.execution.PrecisionGoal;
import org.assay.harness.execution.ProgressReporter;
import org.assay.harness.execution.RunObserver;
import org.assay.harness.execution.RunSession;
import org.assay.harness.live.LiveMetrics;
import org.assay.harness.live.MetricsOptions;
import org.assay.harness.live.MetricsServer;
import org.assay.harness.live.RunMetrics;
import org.assay.harness.plan.MachineFacts;
import org.assay.harness.plan.ParamOverrides;
import org.assay.harness.plan.PlanEntry;
import org.assay.harness.plan.RunPlanner;
import com.fasterxml.jackson.databind.JsonNode;
import org.assay.analysis.judging.Acceptance;
import org.assay.analysis.judging.AcceptanceReport;
import org.assay.analysis.judging.RunMeasurements;
import org.assay.profiles.Profile;
import org.assay.results.Bundle;
import org.assay.results.BundleException;
import org.assay.results.BundleWriter;
import org.assay.results.EnvironmentCheck;
import org.assay.results.InvocationResult;
import org.assay.results.RunManifest;
import org.assay.results.Status;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code assay run}: plan, pre-flight, measure, record; prints a summary at the end. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a suite of workloads and write a result bundle.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--suite", defaultValue = "quick", paramLabel = "SUITE",
            description = "quick, standard or thorough (default: ${DEFAULT-VALUE}).")
    String suiteName;

    @Option(names = "--only", paramLabel = "PATTERN",
            description = "Comma-separated glob(s) of workload ids, e.g. 'memory.*' or 'cpu.primes.sieve'.")
    String only;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=V1[,V2]",
            description = "Replace a parameter's suite values, as JMH's -p does (repeatable), e.g. -p n=256,1536. "
                    + "Every selected workload with that parameter runs each value; the names are in 'assay run --dry-run'.")
    List<String> paramOptions;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "CPUs the workers may use, kernel list syntax (e.g. 0-3,8). Default: all allowed.")
    String cpus;

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "Thread counts to run instead of the suite's (e.g. 1,2).")
    List<Integer> threads;

    @Option(names = "--smt", description = "Also place workers on SMT siblings of used cores.")
    boolean smt;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Bundle directory (default: runs/<timestamp>_<host>_<suite>/). Must not exist or be empty.")
    Path out;

    @Option(names = "--dry-run", description = "Print the plan and its estimated time (as JSON with --json); run nothing.")
    boolean dryRun;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (a bar on a terminal, plain lines otherwise), plain or none.")
    ProgressReporter.Mode progress;

    @Option(names = "--smoke", description = "Tiny JMH settings and test sizes: checks the whole path; the numbers mean nothing.")
    boolean smoke;

    @Mixin
    RootOption root;

    @Mixin
    OutputOptions output;

    @Mixin
    MetricsOptions metricsOptions;

    @Option(names = "--probe-rate", paramLabel = "HZ", defaultValue = "10",
            description = "Probe samples per second recorded into probes.csv during the run; 0 = none "
                    + "(default: ${DEFAULT-VALUE}).")
    double probeRate;

    @Option(names = "--precision", paramLabel = "PCT",
            description = "Measure each invocation until the half-width of its 99.9%% interval is at most PCT of its "
                    + "score (e.g. 1%%), adding forks, or until --max-time is spent. Default: 1%% for the thorough "
                    + "suite, none otherwise; 'none' turns it off.")
    String precisionOption;

    @Option(names = "--profile", paramLabel = "ID|FILE",
            description = "Judge the run against this profile when it ends (as 'assay accept' does; the exit status is "
                    + "accept's). Without --only, runs the workloads the profile's expected results and rules name "
                    + "(every workload for a spec-only profile), at the suite's sizes.")
    String profileName;

    @Option(names = "--max-time", paramLabel = "DURATION",
            description = "Wall time each invocation may take towards --precision, e.g. 20s, 5m (default: "
                    + "3 x its planned estimate).")
    String maxTimeOption;

    /** The live /metrics endpoint of this run; null when not asked for. */
    private MetricsServer metricsServer;
    private final LiveMetrics liveMetrics = new LiveMetrics();

    /** The bundle directory of this run, for {@link #judge}. */
    private Path lastBundle;
    // storage workloads: the file system under test
    @Option(names = "--dir", paramLabel = "DIR",
            description = "Directory whose file system the storage.* workloads test; their files (assay-storage-*.dat) "
                    + "are removed afterwards. Default: the directory the bundle is written in.")
    Path storageDir;

    @Override
    public Integer call() throws Exception {
        // Every check of the arguments comes first: bad input is refused before pre-flight speaks.
        if (!(probeRate >= 0 && probeRate <= 100)) {
            throw new UsageException("--probe-rate " + probeRate + ": must be between 0 (off) and 100 samples per second");
        }
        if (output.json() && !dryRun) {
            throw new UsageException("--json: only with --dry-run (a run records its JSON in the bundle)");
        }
        metricsOptions.bindAddress(); // a bad port or address is refused before anything else speaks
        Path rootDir = root.directory();
        Suite suite = parseSuite();
        PrecisionGoal goal = PrecisionOptions.parse(precisionOption, maxTimeOption, suite, smoke);
        Profile profile = profileName == null ? null : JudgeInputs.profile(profileName);
        List<Workload> workloads = only == null && profile != null ? ProfileWorkloads.of(profile) : selectWorkloads(suite);
        try (MachineFacts facts = MachineFacts.read(rootDir, cpus, smt);
             MetricsServer server = dryRun ? null : metricsOptions.start(liveMetrics)) {
            metricsServer = server;
            int status = run(suite, workloads, facts, goal);
            return profile == null || dryRun ? status : judge(profile, status);
        }
    }

    /** Plans on the run's one reading of the machine, then prints the plan or measures it. */
    private Integer run(Suite suite, List<Workload> workloads, MachineFacts facts, PrecisionGoal goal) throws Exception {
        List<PlanEntry> plan = RunPlanner.plan(workloads, suite, facts.sizing(), threads, facts::place, smoke,
                ParamOverrides.parse(paramOptions));
        Path dir = out != null ? out : defaultOut(suite, facts.hostName());
        BundleTarget.check(dir);
        lastBundle = dir;
        StorageRun storage = StorageRun.check(storageDir, bundleParent(dir), facts.root(), plan);

        PrintWriter console = output.out();
        if (dryRun) {
            if (output.json()) {
                output.printJson(PlanPrinter.Plan.of(plan, facts, goal));
            } else {
                PlanPrinter.print(console, plan, facts, goal);
            }
            return Main.EXIT_OK;
        }

        JsonNode inventory = facts.inventoryJson();
        List<EnvironmentCheck> environment = facts.environmentChecks();
        PrintWriter err = output.err();
        for (EnvironmentCheck c : environment) {
            if (c.warning() != null) {
                err.println("warning: " + c.name() + " = " + c.value() + ": " + c.warning());
            }
        }
        err.flush();
        AssayVersion version = AssayVersion.current();
        RunManifest manifest = RunManifest.builder().assayVersion(version.version()).commit(version.commit())
                .dirty(version.dirty()).command(commandLine()).workingDirectory(Path.of("").toAbsolutePath().toString())
                .host(facts.hostName()).suite(smoke ? suite.name() + " (smoke)" : suite.name())
                .start(Instant.now().toString()).inventory(inventory).environment(environment)
                .probes(facts.probeStatuses()).plan(plan.stream().map(PlanEntry::toPlanned).toList()).build();

        BundleWriter writer;
        try {
            writer = BundleWriter.create(dir, manifest);
        } catch (BundleException e) {
            throw new UsageException(e.getMessage());
        }
        console.println("assay: " + plan.size() + " invocation(s), estimated "
                + ProgressReporter.fmt(RunPlanner.totalSeconds(plan))
                + (goal == null ? "" : " (at most " + ProgressReporter.fmt(PlanPrinter.capTotal(plan, goal))
                        + " towards precision " + PrecisionTarget.percent(goal.fraction()) + ")")
                + "; bundle " + dir);
        RunMetrics live = metricsServer == null ? null : new RunMetrics(liveMetrics, facts.hostName(), plan.size());
        if (metricsServer != null) {
            console.println("assay: live metrics at " + metricsServer.url());
        }
        console.flush();
        if (storage != null) {
            storage.open(console);
        }
        RunSession session = new RunSession(writer, manifest, plan, facts, probeRate).precision(goal).storage(storage)
                .observe(live == null ? RunObserver.NONE : live);
        List<InvocationResult> results;
        try (ProgressReporter progressReporter = new ProgressReporter(progress, console, plan)) {
            results = session.execute(progressReporter);
        }
        if (live != null) {
            live.ended();
        }
        SummaryPrinter.print(console, results);
        PeakNotes.print(console, results, inventory);
        console.println("bundle: " + dir + "  (check it with: assay verify " + dir + ")");
        console.flush();
        boolean anyFailed = results.stream().anyMatch(r -> r.status() == Status.failed);
        return anyFailed || results.size() < plan.size() ? Main.EXIT_FAILED : Main.EXIT_OK;
    }

    /** The bundle just written judged against {@code profile}: a failed invocation still exits 1, else accept's status. */
    private int judge(Profile profile, int runStatus) {
        Bundle bundle = JudgeInputs.verifiedBundle(lastBundle);
        AcceptanceReport report = Acceptance.judge(lastBundle.toString(), RunMeasurements.of(bundle),
                bundle.manifest().inventory(), profile);
        PrintWriter console = output.out();
        console.println();
        AcceptCommand.print(console, report, profile, AcceptCommand.shares(RunMeasurements.of(bundle), profile));
        return runStatus == Main.EXIT_FAILED ? Main.EXIT_FAILED : report.exitCode();
    }

    private Suite parseSuite() {
        try {
            return Suite.parse(suiteName);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--suite: " + e.getMessage());
        }
    }

    private List<Workload> selectWorkloads(Suite suite) {
        if (only == null) {
            return Workloads.all();
        }
        if (only.isBlank()) {
            throw new UsageException("--only is empty: give a workload id or glob such as 'memory.*' (see 'assay list')");
        }
        List<Workload> matched = Workloads.matching(only);
        if (matched.isEmpty()) {
            throw new UsageException("--only '" + only + "' matches no workload; see 'assay list' for the ids");
        }
        return matched;
    }

    /** The existing directory the bundle goes in: the storage workloads' default directory. */
    static Path bundleParent(Path bundle) {
        Path p = bundle.toAbsolutePath().getParent();
        while (p != null && !Files.isDirectory(p)) {
            p = p.getParent();
        }
        return p != null ? p : Path.of("").toAbsolutePath();
    }

    private static Path defaultOut(Suite suite, String host) {
        return defaultOut(suite.name(), host);
    }

    /** {@code runs/<UTC timestamp>_<host>_<kind>}: a new directory per run, named for what ran. */
    static Path defaultOut(String kind, String host) {
        String ts = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        return Path.of("runs", ts + "_" + host.replaceAll("[^A-Za-z0-9.-]", "_") + "_" + kind);
    }

    /** The command as the user typed it, so anyone can re-run it from run.json. */
    static List<String> commandLine() {
        List<String> cmd = new ArrayList<>();
        String launcher = System.getenv("ASSAY_LAUNCHER");
        cmd.add(launcher != null ? launcher : "assay");
        cmd.addAll(CommandLineCapture.args());
        return cmd;
    }

    /** Refuses a bundle directory that cannot be used, before anything is measured or written. */
    static final class BundleTarget {
        private BundleTarget() {
        }

        static void check(Path dir) throws IOException {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new UsageException("--out " + dir + ": exists and is not a directory; give a new or empty directory");
                }
                try (var s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new UsageException("--out " + dir + ": directory is not empty; give a new or empty directory");
                    }
                }
                if (!canCreateFileIn(dir)) {
                    throw new UsageException("--out " + dir + ": directory is not writable");
                }
                return;
            }
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent == null || !Files.isDirectory(parent) || !canCreateFileIn(parent)) {
                throw new UsageException("--out " + dir + ": cannot create it, " + parent + " is not a writable directory");
            }
        }

        /**
         * Tries it: {@link Files#isWritable} asks only for permission bits, which root always has,
         * while a read-only mount or a directory like /proc still refuses. The probe file is
         * removed at once, so a refused or dry run leaves nothing behind.
         */
        private static boolean canCreateFileIn(Path dir) {
            try {
                Files.delete(Files.createTempFile(dir, ".assay-out-check", ""));
                return true;
            } catch (IOException | SecurityException | UnsupportedOperationException e) {
                return false;
            }
        }
    }
}
