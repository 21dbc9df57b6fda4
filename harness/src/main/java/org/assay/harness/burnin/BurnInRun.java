package org.assay.harness.burnin;

import org.assay.analysis.judging.Verdict;
import org.assay.probes.snapshot.MachineSensors;
import org.assay.probes.snapshot.MemoryErrorCounts;
import org.assay.probes.snapshot.ThrottleCounts;
import org.assay.results.BundleWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the phases of a burn-in one after another, every component of a phase at once in this
 * JVM: starts each stressor's workers pinned to their CPUs, closes an interval every
 * {@code intervalSeconds} ({@link IntervalRecorder}), shows the live status every second, stops
 * early at the temperature limit or on Ctrl-C, and judges each phase ({@link StabilityJudge}).
 *
 * <p>Stopping is cooperative (workers poll the stop flag between operations of a few
 * milliseconds), so a stop costs at most the operation in flight; then the stressors free their
 * memory and remove their files before the next phase or the verdict.
 */
public final class BurnInRun {

    /** How long stopping waits for a worker's operation in flight (a large storage write on a slow disk). */
    static final long JOIN_MILLIS = 20_000;

    private final List<PhaseSpec> phases;
    private final double intervalSeconds;
    private final Path root;
    private final List<Integer> usedCpus;
    private final String runId;
    private final ErrorLog errors;
    private final FaultHook faults;
    private final ProbeWatch watch;
    private final List<LiveStatus.Sink> sinks;
    private final CountDownLatch stopRequest = new CountDownLatch(1);
    private volatile boolean interrupted;
    private volatile StressContext current;

    public BurnInRun(List<PhaseSpec> phases, double intervalSeconds, Path root, List<Integer> usedCpus, String runId,
                     ErrorLog errors, FaultHook faults, ProbeWatch watch, List<LiveStatus.Sink> sinks) {
        this.phases = List.copyOf(phases);
        this.intervalSeconds = intervalSeconds;
        this.root = root;
        this.usedCpus = List.copyOf(usedCpus);
        this.runId = runId;
        this.errors = errors;
        this.faults = faults;
        this.watch = watch;
        this.sinks = List.copyOf(sinks);
    }

    /** What a burn-in found: every check, per phase and component what it did, and how it ended. */
    public record Outcome(List<BurnInCheck> checks, List<PhaseResult> phases, boolean interrupted, boolean stoppedHot,
                          double seconds, MemoryErrorCounts errorsBefore, MemoryErrorCounts errorsAfter,
                          Long throttleEvents, String throttleReason) {

        public Verdict verdict() {
            List<Verdict> v = checks.stream().map(BurnInCheck::verdict).toList();
            if (v.contains(Verdict.FAIL)) {
                return Verdict.FAIL;
            }
            return v.contains(Verdict.INCONCLUSIVE) ? Verdict.INCONCLUSIVE : Verdict.PASS;
        }
    }

    /**
     * One phase: what ran and how fast.
     *
     * @param mean   per component, its main meter's rate over the whole phase
     * @param steady per component, the mean of its intervals after the warm-up (the trend test's
     *               intervals; NaN when there are none): the rate to compare with other tools
     */
    public record PhaseResult(String name, double seconds, Map<String, Object> settings, Map<String, Double> mean,
                              Map<String, Double> steady, Map<String, double[]> series) {
    }

    /** Ctrl-C: the phase in flight stops and the verdict is made on what ran. */
    public void interrupt() {
        interrupted = true;
        stop();
    }

    private void stop() {
        StressContext c = current;
        if (c != null) {
            c.stop();
        }
        stopRequest.countDown();
    }

    public Outcome execute(BundleWriter writer) throws IOException {
        long start = System.nanoTime();
        MemoryErrorCounts before = MemoryErrorCounts.read(root);
        ThrottleCounts throttleBefore = MachineSensors.read(root).throttle();
        double total = phases.stream().mapToDouble(PhaseSpec::seconds).sum();
        List<BurnInCheck> checks = new ArrayList<>();
        List<PhaseResult> results = new ArrayList<>();
        boolean hot = false;
        double offset = 0;
        for (PhaseSpec phase : phases) {
            if (interrupted || hot) {
                break;
            }
            StressContext ctx = new StressContext(errors, faults, phase.name(), start);
            current = ctx;
            Map<Component, Long> errorsBefore = new EnumMap<>(Component.class);
            for (Component c : Component.values()) {
                errorsBefore.put(c, errors.count(c));
            }
            List<Stressor> stressors = StressorFactory.create(phase, ctx, runId);
            List<Thread> threads = new ArrayList<>();
            long phaseStart = System.nanoTime();
            IntervalRecorder recorder;
            Map<Meter, Long> startTotals = new LinkedHashMap<>();
            try {
                recorder = new IntervalRecorder(writer, phase.name(), stressors, errors, root, usedCpus, offset);
                for (Stressor s : stressors) {
                    startTotals.put(s.meters().get(0), s.meters().get(0).sum());
                    for (Stressor.Worker w : s.workers()) {
                        Thread t = new Thread(() -> runWorker(w, s.component(), ctx), w.name());
                        t.setDaemon(true);
                        threads.add(t);
                    }
                }
                threads.forEach(Thread::start);
                hot = watchPhase(phase, ctx, recorder, phaseStart, offset, total);
            } finally {
                ctx.stop();
                for (Thread t : threads) {
                    try {
                        t.join(JOIN_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                stressors.forEach(Stressor::close);
            }
            double seconds = (System.nanoTime() - phaseStart) / 1e9;
            offset += seconds;
            Map<String, Object> settings = new LinkedHashMap<>();
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, double[]> series = new LinkedHashMap<>();
            Map<String, Double> steady = new LinkedHashMap<>();
            double steal = recorder.meanSteal();
            for (Stressor s : stressors) {
                Component c = s.component();
                settings.put(c.id(), s.settings());
                Meter m = s.meters().get(0);
                mean.put(c.id(), m.rate(startTotals.get(m), m.sum(), seconds));
                double[] x = recorder.series(c);
                series.put(c.id(), x);
                int warm = Math.min(x.length, TrendTest.warmupIntervals(x.length, intervalSeconds));
                steady.put(c.id(), java.util.Arrays.stream(x, warm, x.length).filter(Double::isFinite).average().orElse(Double.NaN));
                long n = errors.count(c) - errorsBefore.get(c);
                String first = errors.first().stream().filter(e -> e.component() == c && e.phase().equals(phase.name()))
                        .findFirst().map(BurnInError::describe).orElse("(beyond the first " + errors.keep() + " kept)");
                checks.addAll(StabilityJudge.component(phase.name(), c, x, intervalSeconds, n, first, steal,
                        phase.thresholds()));
            }
            results.add(new PhaseResult(phase.name(), seconds, settings, mean, steady, series));
        }
        current = null;
        MemoryErrorCounts after = MemoryErrorCounts.read(root);
        ThrottleCounts throttleAfter = MachineSensors.read(root).throttle();
        Long throttle = null;
        String throttleReason = throttleAfter.reason();
        if (throttleBefore.summary() != null && throttleAfter.summary() != null) {
            throttle = (throttleAfter.summary().coreEvents() - throttleBefore.summary().coreEvents())
                    + (throttleAfter.summary().packageEvents() - throttleBefore.summary().packageEvents());
        }
        Thresholds machine = phases.isEmpty() ? Thresholds.of(null) : phases.get(phases.size() - 1).thresholds();
        checks.addAll(StabilityJudge.machine("all", watch.maxTemperature(), hot, throttle, throttleReason, before, after,
                machine));
        double ran = (System.nanoTime() - start) / 1e9;
        if (interrupted) {
            // a partial run never passes: what did not run was not tested
            checks.add(new BurnInCheck("run.completed", "machine", "all", Verdict.INCONCLUSIVE, "run to the end", ran, "s",
                    total, "min", String.format(java.util.Locale.ROOT, "interrupted after %.0f s of %.0f s planned", ran, total)));
        }
        sinks.forEach(LiveStatus.Sink::finish);
        return new Outcome(checks, results, interrupted, hot, (System.nanoTime() - start) / 1e9, before, after, throttle,
                throttleReason);
    }

    /** Waits out the phase: intervals, the live status, the temperature limit. Returns true when it stopped hot. */
    private boolean watchPhase(PhaseSpec phase, StressContext ctx, IntervalRecorder recorder, long phaseStart,
                               double offset, double total) {
        long end = phaseStart + (long) (phase.seconds() * 1e9);
        long intervalNanos = (long) (intervalSeconds * 1e9);
        long nextInterval = phaseStart + intervalNanos;
        long nextStatus = phaseStart + 1_000_000_000L;
        while (!ctx.stopped()) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long wake = Math.min(end, Math.min(nextInterval, nextStatus));
            try {
                if (stopRequest.await(Math.max(1, wake - now), TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = System.nanoTime();
            if (now >= nextInterval) {
                recorder.sample();
                nextInterval += intervalNanos;
            }
            if (now >= nextStatus) {
                nextStatus += 1_000_000_000L;
                publish(phase, recorder, offset + (now - phaseStart) / 1e9, total);
            }
            if (watch.temperature() >= phase.thresholds().maxTemp()) {
                return true;
            }
        }
        return false;
    }

    private void publish(PhaseSpec phase, IntervalRecorder recorder, double elapsed, double total) {
        Map<Component, Long> counts = new EnumMap<>(Component.class);
        for (Component c : phase.components()) {
            counts.put(c, errors.count(c));
        }
        LiveStatus s = new LiveStatus(phase.name(), elapsed, total, recorder.latest(), counts, watch.temperature(),
                watch.maxTemperature(), watch.clockMHz(), watch.powerWatts());
        for (LiveStatus.Sink sink : sinks) {
            try {
                sink.update(s);
            } catch (RuntimeException e) {
                // a view that fails costs the view, never the burn-in
            }
        }
    }

    /** A worker's loop on its pinned thread; a crash is an error of its component, and the others go on. */
    private static void runWorker(Stressor.Worker w, Component c, StressContext ctx) {
        StressContext.pin(w.cpu());
        try {
            w.loop().run();
        } catch (RuntimeException | Error e) {
            ctx.error(c, 0, "worker", w.name(), "the worker to run to the end", "it failed: " + e);
        }
    }
}
