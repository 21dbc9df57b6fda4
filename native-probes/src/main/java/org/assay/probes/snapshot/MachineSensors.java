package org.assay.probes.snapshot;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.topology.CpuTopology;

import java.nio.file.Path;

/**
 * The machine's static and since-boot figures, each with its source: clock limits, throttle counts
 * since boot, RAPL zones and every temperature sensor. Everything is read under {@link #root}, so
 * a tree given with {@code --root} is described from its own files only; {@link #liveMachine}
 * says whether that root is this machine's {@code /}.
 */
public record MachineSensors(String root, boolean liveMachine, ClockLimits clocks, ThrottleCounts throttle,
                             PowercapZones rapl, HwmonSensors temperatures) {

    public static MachineSensors read(Path root) {
        return read(root, CpuTopology.read(root));
    }

    /** @param topology the CPU layout already read under {@code root} */
    public static MachineSensors read(Path root, CpuTopology topology) {
        ProbeContext ctx = new ProbeContext(root, topology);
        Path abs = root.toAbsolutePath().normalize();
        return new MachineSensors(abs.toString(), abs.getParent() == null, ClockLimits.read(ctx),
                ThrottleCounts.read(ctx), PowercapZones.read(ctx), HwmonSensors.read(ctx));
    }
}
