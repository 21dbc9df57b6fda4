package org.assay.probes;

import org.assay.probes.internal.PerfEvents;
import org.assay.probes.internal.ProbeIoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Probe readings around one measured interval (a JMH iteration): package energy, the hottest
 * CPU temperature, the average clock, throttle events and IPC. Every unknown is NaN, never 0: a
 * VM without RAPL must not look like a chip that used no energy.
 *
 * <p>Hardware counters are opened per thread of this process at {@link #begin()} (pid = tid,
 * user space only, which the default {@code perf_event_paranoid} of 2 allows), because a counter
 * opened by the profiler's own thread would count the profiler, not the benchmark's workers.
 * The maximum temperature is the hotter of the readings at the start and the end: sampling in
 * between would need a thread in the measured JVM.
 */
public final class IterationMeter implements AutoCloseable {

    /** What one interval cost and how the chip ran; NaN where a probe is unavailable. */
    public record IterationReading(double seconds, double energyJoules, double maxCelsius, double clockMHz,
                                   String clockSource, double throttleEvents, double ipc) {
        public double averageWatts() {
            return seconds > 0 ? energyJoules / seconds : Double.NaN;
        }
    }

    private final ProbeSet probes;
    private long startNanos;
    private double startJoules;
    private double startCelsius;
    private final List<int[]> counterFds = new ArrayList<>();

    private IterationMeter(ProbeSet probes) {
        this.probes = probes;
    }

    /** Opens the probes and primes them (the clock estimate warms up here, not inside an iteration). */
    public static IterationMeter open(Path root) {
        ProbeSet set = ProbeSet.open(root);
        set.averageMHz();
        return new IterationMeter(set);
    }

    public ProbeSet probes() {
        return probes;
    }

    public void begin() {
        closeCounters();
        if (probes.countersAvailable()) {
            openCounters();
        }
        probes.throttleEvents();          // resets the counter baseline
        probes.averageMHz();              // primes the APERF/MPERF deltas
        startCelsius = probes.maxCelsius();
        startJoules = probes.packageJoules();
        startNanos = System.nanoTime();
    }

    public IterationReading end() {
        long end = System.nanoTime();
        double joules = probes.packageJoules() - startJoules;
        double ipc = readIpc();
        double mhz = probes.averageMHz();
        double endCelsius = probes.maxCelsius();
        double maxC = Double.isNaN(startCelsius) ? endCelsius
                : Double.isNaN(endCelsius) ? startCelsius : Math.max(startCelsius, endCelsius);
        return new IterationReading((end - startNanos) / 1e9, joules, maxC, mhz, probes.frequencySource(),
                probes.throttleEvents(), ipc);
    }

    /** Closes the per-thread counters of an unfinished interval and the probes. */
    @Override
    public void close() {
        closeCounters();
        probes.close();
    }

    private void openCounters() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                int tid = Integer.parseInt(t.getFileName().toString());
                try {
                    int cycles = PerfEvents.open(PerfEvents.TYPE_HARDWARE, PerfEvents.HW_CPU_CYCLES, tid, -1);
                    int instr;
                    try {
                        instr = PerfEvents.open(PerfEvents.TYPE_HARDWARE, PerfEvents.HW_INSTRUCTIONS, tid, -1);
                    } catch (ProbeIoException e) {
                        PerfEvents.close(cycles);
                        continue;
                    }
                    counterFds.add(new int[] {cycles, instr});
                } catch (ProbeIoException e) {
                    // the thread ended, or counters went away: it is simply not counted
                }
            }
        } catch (IOException | RuntimeException e) {
            closeCounters();
        }
    }

    private double readIpc() {
        if (counterFds.isEmpty()) {
            return Double.NaN;
        }
        double cycles = 0;
        double instructions = 0;
        for (int[] fd : counterFds) {
            double c = PerfEvents.read(fd[0]);
            double i = PerfEvents.read(fd[1]);
            if (!Double.isNaN(c) && !Double.isNaN(i)) {
                cycles += c;
                instructions += i;
            }
        }
        closeCounters();
        return PerfCounterProbe.ipc(instructions, cycles);
    }

    private void closeCounters() {
        for (int[] fd : counterFds) {
            PerfEvents.close(fd[0]);
            PerfEvents.close(fd[1]);
        }
        counterFds.clear();
    }
}
