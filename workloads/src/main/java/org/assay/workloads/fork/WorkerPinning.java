package org.assay.workloads.fork;

import net.openhft.affinity.Affinity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

/**
 * Pins a JMH worker thread to the CPU the harness planned for it, and reports where it ran.
 *
 * <p>The harness passes the plan to the fork as system properties: {@code assay.cpus} (one CPU
 * per worker, in worker order) and {@code assay.pinning.report} (a file the workers append to).
 * Each worker calls {@link #pin(int)} from a {@code Scope.Thread} {@code @Setup}, which JMH runs
 * on the worker thread itself, so the measured thread is the pinned one.
 *
 * <p>Why a report and not a log line: OpenHFT's fallback is silent (its {@code NullAffinity}
 * only logs at trace level), and a run that ends up unpinned must say so in the bundle. Each line
 * is {@code worker,requestedCpu,observedCpu,phase,detail}, the observed CPU read with
 * {@code sched_getcpu}; the phases are {@code setup} ({@link #pin}), {@code iteration}
 * ({@link #observeIteration}, next to the timed part) and {@code teardown} ({@link #observe}),
 * which catch a thread that the OS moved despite the mask.
 */
public final class WorkerPinning {

    public static final String CPUS_PROPERTY = "assay.cpus";
    public static final String REPORT_PROPERTY = "assay.pinning.report";

    private WorkerPinning() {
    }

    /** Pins the calling thread to the planned CPU of worker {@code workerIndex}; returns it, or -1. */
    public static int pin(int workerIndex) {
        int requested = requestedCpu(workerIndex);
        String detail = requested >= 0 ? setAffinity(requested) : "no CPU planned for this worker";
        int observed = currentCpu();
        if (requested >= 0 && observed != requested && detail.isEmpty()) {
            detail = "running on CPU " + observed + " after pinning to " + requested;
        }
        report(workerIndex, requested, observed, "setup", detail);
        return requested;
    }

    /**
     * Pins the calling thread, worker {@code workerIndex}, to the CPU planned for worker
     * {@code cpuOfWorker} instead of its own: two threads meant to share one core (a TCP sender
     * and its receiver measured on the same core). The report names the CPU it was pinned to, so
     * the shared placement is on record rather than flagged as a move.
     */
    public static int pinBeside(int workerIndex, int cpuOfWorker) {
        int requested = requestedCpu(cpuOfWorker);
        String detail = requested >= 0 ? setAffinity(requested) : "no CPU planned for worker " + cpuOfWorker;
        report(workerIndex, requested, currentCpu(), "setup", detail);
        return requested;
    }

    /** Records where the worker runs now (call at tear-down). */
    public static void observe(int workerIndex) {
        report(workerIndex, requestedCpu(workerIndex), currentCpu(), "teardown", "");
    }

    /**
     * Records where the worker runs at an iteration's edge (call from an iteration-level set-up
     * or tear-down, next to the timed part): the CPU the measurement itself ran on.
     */
    public static void observeIteration(int workerIndex) {
        report(workerIndex, requestedCpu(workerIndex), currentCpu(), "iteration", "");
    }

    /**
     * As {@link #observeIteration}, for an iteration that measures point {@code point} of a sweep
     * whose points have their own CPU ({@code requestedCpu}; -1 for the worker's planned one):
     * phase {@code point N}, so the harness can place each point's result on its own CPU.
     */
    public static void observePoint(int workerIndex, int requestedCpu, int point) {
        int requested = requestedCpu >= 0 ? requestedCpu : requestedCpu(workerIndex);
        report(workerIndex, requested, currentCpu(), "point " + point, "");
    }

    /**
     * Moves the calling worker to {@code cpu} (a sweep whose points run on different CPUs); the
     * next {@link #observePoint} shows whether it got there. Returns false if the call failed.
     */
    public static boolean moveTo(int cpu) {
        String failure = setAffinity(cpu);
        if (!failure.isEmpty()) {
            System.err.println("assay: cannot move the worker to CPU " + cpu + ": " + failure);
        }
        return failure.isEmpty();
    }

    /** Restricts the calling thread to {@code cpu}; "" when the call succeeded, else what failed. */
    private static String setAffinity(int cpu) {
        try {
            BitSet mask = new BitSet();
            mask.set(cpu);
            Affinity.setAffinity(mask);
            return "";
        } catch (RuntimeException | LinkageError e) {
            return "setAffinity failed: " + e;
        }
    }

    /** {@link #observe} for a worker pinned with {@link #pinBeside}: checked against the CPU it shares. */
    public static void observeBeside(int workerIndex, int cpuOfWorker) {
        report(workerIndex, requestedCpu(cpuOfWorker), currentCpu(), "teardown", "");
    }

    static int requestedCpu(int workerIndex) {
        String cpus = System.getProperty(CPUS_PROPERTY, "").trim();
        if (cpus.isEmpty()) {
            return -1;
        }
        String[] parts = cpus.split(",");
        if (workerIndex < 0 || workerIndex >= parts.length) {
            return -1;
        }
        return Integer.parseInt(parts[workerIndex].trim());
    }

    private static int currentCpu() {
        try {
            return Affinity.getCpu();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static synchronized void report(int worker, int requested, int observed, String phase,
                                            String detail) {
        String file = System.getProperty(REPORT_PROPERTY);
        if (file == null || file.isEmpty()) {
            return;
        }
        String line = worker + "," + requested + "," + observed + "," + phase + ","
                + detail.replace('\n', ' ').replace(',', ';') + "\n";
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The harness notices a missing report and records the placement as unknown.
            System.err.println("assay: cannot write pinning report " + file + ": " + e.getMessage());
        }
    }
}
