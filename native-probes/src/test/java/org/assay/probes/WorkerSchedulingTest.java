package org.assay.probes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler's counts over one interval, from fake task and stat files whose deltas are known. */
class WorkerSchedulingTest {

    @TempDir
    Path tmp;

    private Path task(int tid, String allowed, long vol, long inv, Long migrations) throws IOException {
        Path t = tmp.resolve("task").resolve(Integer.toString(tid));
        Files.createDirectories(t);
        Files.writeString(t.resolve("status"), "Name:\tjava\nCpus_allowed_list:\t" + allowed
                + "\nvoluntary_ctxt_switches:\t" + vol + "\nnonvoluntary_ctxt_switches:\t" + inv + "\n");
        if (migrations != null) {
            Files.writeString(t.resolve("sched"), "java (" + tid + ", #threads: 3)\n----\n"
                    + "se.nr_migrations                             :                    " + migrations + "\n");
        }
        return t;
    }

    /** user nice system idle iowait irq softirq steal, per CPU; the aggregate line is their sum. */
    private void stat(long[] cpu0, long[] cpu1) throws IOException {
        StringBuilder b = new StringBuilder("cpu ");
        for (int i = 0; i < 8; i++) {
            b.append(' ').append(cpu0[i] + cpu1[i]);
        }
        b.append(" 0 0\ncpu0");
        for (long v : cpu0) {
            b.append(' ').append(v);
        }
        b.append(" 0 0\ncpu1");
        for (long v : cpu1) {
            b.append(' ').append(v);
        }
        b.append(" 0 0\nintr 0\n");
        Files.createDirectories(tmp.resolve("proc"));
        Files.writeString(tmp.resolve("proc/stat"), b.toString());
    }

    private WorkerScheduling meter(List<Integer> cpus) {
        return new WorkerScheduling(tmp, new IterationMeter.Workers(cpus, (cpu, t) -> t.getAsDouble(), tmp.resolve("task")));
    }

    @Test
    void countsOnlyThePinnedWorkersAndTheStealOfTheirCpus() throws IOException {
        task(101, "1", 10, 3, 0L);          // the worker, pinned to CPU 1
        task(102, "0-1", 500, 90, 40L);     // the JIT or the collector: whole mask, not counted
        stat(new long[] {100, 0, 0, 900, 0, 0, 0, 0}, new long[] {100, 0, 0, 900, 0, 0, 0, 0});
        WorkerScheduling s = meter(List.of(1));
        s.begin();
        task(101, "1", 12, 43, 1L);         // 2 voluntary, 40 involuntary, 1 migration
        task(102, "0-1", 900, 190, 80L);
        // CPU 1: 100 ticks, 25 of them stolen; CPU 0: 100 ticks, 90 stolen (not a worker's CPU)
        stat(new long[] {110, 0, 0, 900, 0, 0, 0, 90}, new long[] {175, 0, 0, 900, 0, 0, 0, 25});
        WorkerScheduling.Reading r = s.end();
        assertEquals(1, r.threads());
        assertEquals(40.0, r.involuntarySwitches());
        assertEquals(2.0, r.voluntarySwitches());
        assertEquals(1.0, r.migrations());
        assertEquals(25.0, r.stealPercent(), 1e-9);
    }

    @Test
    void aThreadThatStartedMidIntervalIsLeftOutAndMissingSchedStatisticsAreUnknownNotZero() throws IOException {
        task(101, "1", 10, 3, null);        // a kernel without scheduler statistics: no sched file
        stat(new long[] {0, 0, 0, 100, 0, 0, 0, 0}, new long[] {0, 0, 0, 100, 0, 0, 0, 0});
        WorkerScheduling s = meter(List.of(1));
        s.begin();
        task(101, "1", 11, 5, null);
        task(103, "1", 1000, 1000, null);   // appeared during the interval: half a count would understate
        // no tick elapsed on the workers' CPU: no steal figure
        WorkerScheduling.Reading r = s.end();
        assertEquals(1, r.threads());
        assertEquals(2.0, r.involuntarySwitches());
        assertTrue(Double.isNaN(r.migrations()), "no se.nr_migrations: unknown, not 0");
        assertTrue(Double.isNaN(r.stealPercent()), "no tick elapsed: no steal figure");
    }

    @Test
    void withoutWorkersTheresNothingToCountButStealCoversEveryCpu() throws IOException {
        stat(new long[] {0, 0, 0, 100, 0, 0, 0, 0}, new long[] {0, 0, 0, 100, 0, 0, 0, 0});
        Files.createDirectories(tmp.resolve("task"));
        WorkerScheduling s = meter(List.of(1));
        s.begin();
        stat(new long[] {50, 0, 0, 140, 0, 0, 0, 10}, new long[] {0, 0, 0, 200, 0, 0, 0, 0});
        WorkerScheduling.Reading r = s.end();
        assertEquals(0, r.threads());
        assertTrue(Double.isNaN(r.involuntarySwitches()), "no worker seen: unknown, not 0");
        assertEquals(0.0, r.stealPercent(), 1e-9, "CPU 1, the worker's, had no steal");
        assertEquals(5.0, meterAllCpus().stealPercent(), 1e-9);
    }

    private WorkerScheduling.Reading meterAllCpus() throws IOException {
        stat(new long[] {0, 0, 0, 100, 0, 0, 0, 0}, new long[] {0, 0, 0, 100, 0, 0, 0, 0});
        WorkerScheduling s = meter(List.of());
        s.begin();
        stat(new long[] {50, 0, 0, 140, 0, 0, 0, 10}, new long[] {0, 0, 0, 200, 0, 0, 0, 0});
        return s.end();     // 200 ticks over both CPUs, 10 stolen
    }

    @Test
    void fieldReadsTheNumberAfterTheKeyWithOrWithoutAColon() {
        assertEquals(7, WorkerScheduling.field("a: 1\nvoluntary_ctxt_switches:\t7\n", "voluntary_ctxt_switches:"));
        assertEquals(3, WorkerScheduling.field("se.nr_migrations   :   3\n", "se.nr_migrations"));
        assertEquals(-1, WorkerScheduling.field("nothing here\n", "se.nr_migrations"));
    }
}
