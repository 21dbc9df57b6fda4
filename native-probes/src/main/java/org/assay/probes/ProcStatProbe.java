package org.assay.probes;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.topology.CpuTimes;
import org.assay.probes.topology.ProcStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU utilisation, steal and iowait per CPU and in total from {@code /proc/stat}, over the
 * interval since the previous read. Steal is the hypervisor taking the CPU for another guest: a
 * workload's score is only comparable when it stayed near zero.
 */
final class ProcStatProbe extends ProbeBase {
    private ProcStat last;
    private final byte[] buffer = new byte[64 * 1024];

    ProcStatProbe(ProbeContext ctx) {
        super(ctx, "host.procstat", "%",
                "CPU busy, steal and iowait percentages per CPU and in total");
        Optional<ProcStat> first = ProcStat.read(ctx.root);
        last = first.orElse(null);
        decide(first.isPresent() ? Availability.available(ctx.root.resolve("proc/stat").toString())
                : Availability.unavailable(ctx.root.resolve("proc/stat") + " not readable",
                        "mount /proc (or the host's /proc under --root)"));
    }

    @Override
    public synchronized List<Reading> read() {
        List<Reading> out = new ArrayList<>();
        Optional<ProcStat> now = ProcStat.readInto(ctx.root.resolve("proc/stat"), buffer);
        if (now.isEmpty() || last == null) {
            now.ifPresent(n -> last = n);
            return out;
        }
        ProcStat prev = last;
        last = now.get();
        add(out, "", CpuTimes.delta(prev.total(), last.total()));
        for (Map.Entry<Integer, CpuTimes> e : last.perCpu().entrySet()) {
            CpuTimes before = prev.perCpu().get(e.getKey());
            if (before != null) {
                add(out, "cpu" + e.getKey(), CpuTimes.delta(before, e.getValue()));
            }
        }
        return out;
    }

    private static void add(List<Reading> out, String scope, CpuTimes.Delta d) {
        if (d.ticks() <= 0) {
            return;      // less than one USER_HZ tick elapsed: no honest percentage
        }
        out.add(new Reading("cpu.busy", scope, d.busyPercent(), "%"));
        out.add(new Reading("cpu.steal", scope, d.stealPercent(), "%"));
        out.add(new Reading("cpu.iowait", scope, d.iowaitPercent(), "%"));
    }
}
