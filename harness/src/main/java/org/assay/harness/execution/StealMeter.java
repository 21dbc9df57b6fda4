package org.assay.harness.execution;

import org.assay.probes.topology.CpuTimes;
import org.assay.probes.topology.ProcStat;
import org.assay.results.SecondaryMetric;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU steal and utilisation over one invocation, on the CPUs it was placed on.
 *
 * <p>Why: on a cloud VM the hypervisor can run another tenant on "our" core; the guest sees it
 * only as steal time in {@code /proc/stat}. A score measured with 5% steal is not a score of the
 * machine. It is measured per invocation (not once per run) because steal comes and goes.
 */
public final class StealMeter {

    private final Path root;
    private final List<Integer> cpus;
    private final Optional<ProcStat> before;

    public StealMeter(Path root, List<Integer> cpus) {
        this.root = root;
        this.cpus = cpus;
        this.before = ProcStat.read(root);
    }

    /** Secondary metrics {@code host.steal} and {@code host.cpu.busy} (%), or none if unreadable. */
    Map<String, SecondaryMetric> finish() {
        Optional<ProcStat> after = ProcStat.read(root);
        Map<String, SecondaryMetric> m = new LinkedHashMap<>();
        if (before.isEmpty() || after.isEmpty()) {
            return m;
        }
        CpuTimes.Delta d = cpus.isEmpty()
                ? CpuTimes.delta(before.get().total(), after.get().total())
                : CpuTimes.delta(before.get().sum(cpus), after.get().sum(cpus));
        if (d.ticks() > 0) {
            m.put("host.steal", new SecondaryMetric(round(d.stealPercent()), "%"));
            m.put("host.cpu.busy", new SecondaryMetric(round(d.busyPercent()), "%"));
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
