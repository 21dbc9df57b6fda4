package org.assay.harness.burnin;

import net.openhft.affinity.Affinity;
import org.assay.workloads.fork.WorkerPinning;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every worker thread of a phase shares: the stop flag, the error log, the fault hook and
 * the phase's clock. Workers poll {@link #stopped()} between operations (an operation is at most
 * a few milliseconds to a second), so stopping never waits for more than the one in flight.
 */
public final class StressContext {

    private static final Pattern EXPECTED_GOT = Pattern.compile("(.*?)expected (.*) but got (.*)");

    private final ErrorLog errors;
    private final FaultHook faults;
    private final String phase;
    private final long startNanos;
    private volatile boolean stop;

    public StressContext(ErrorLog errors, FaultHook faults, String phase, long startNanos) {
        this.errors = errors;
        this.faults = faults;
        this.phase = phase;
        this.startNanos = startNanos;
    }

    public boolean stopped() {
        return stop;
    }

    public void stop() {
        stop = true;
    }

    public FaultHook faults() {
        return faults;
    }

    public ErrorLog errors() {
        return errors;
    }

    /** Records one wrong result, stamped with the time and the CPU the checking thread is on now. */
    public void error(Component c, long round, String test, String location, String expected, String actual) {
        errors.add(new BurnInError(c, Instant.now().toString(), (System.nanoTime() - startNanos) / 1e9, phase, round,
                currentCpu(), test, location, expected, actual));
    }

    /**
     * Records a kernel's {@code verify()} failure: its message says "... expected X but got Y"
     * (every kernel of {@code org.assay.workloads.kernel} words it so), split into its parts.
     */
    public void kernelError(Component c, long round, String test, IllegalStateException e) {
        String m = String.valueOf(e.getMessage());
        Matcher x = EXPECTED_GOT.matcher(m);
        if (x.matches()) {
            error(c, round, test, x.group(1).replaceAll("[:\\s]+$", ""), x.group(2).strip(), x.group(3).strip());
        } else {
            error(c, round, test, m, "-", "-");
        }
    }

    /** Pins the calling thread to {@code cpu} (the existing worker pinning; a refusal leaves it unpinned and says so). */
    public static void pin(int cpu) {
        if (cpu >= 0) {
            WorkerPinning.moveTo(cpu);
        }
    }

    public static int currentCpu() {
        try {
            return Affinity.getCpu();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
