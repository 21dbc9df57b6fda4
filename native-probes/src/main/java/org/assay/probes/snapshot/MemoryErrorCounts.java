package org.assay.probes.snapshot;

import org.assay.probes.internal.SysFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hardware error counters since boot, read before and after a burn-in so that the difference says
 * what the stress provoked: the EDAC memory controllers' corrected and uncorrected error counts
 * ({@code /sys/devices/system/edac/mc/mcN/ce_count}, {@code ue_count}) and the machine-check
 * exceptions the kernel took ({@code MCE:} row of {@code /proc/interrupts}, summed over CPUs).
 * Either is absent on most VMs (no EDAC driver, no machine-check row); then its field is null and
 * {@code edacReason}/{@code mceReason} say why, so a verdict can say "not checked" rather than
 * "zero errors".
 *
 * @param controllers         one entry per EDAC memory controller
 * @param correctedErrors     sum of {@code ce_count}; null without EDAC
 * @param uncorrectedErrors   sum of {@code ue_count}; null without EDAC
 * @param machineChecks       machine-check exceptions since boot; null without the row
 */
public record MemoryErrorCounts(List<Controller> controllers, Long correctedErrors, Long uncorrectedErrors,
                                String edacReason, Long machineChecks, String mceReason) {

    static final String EDAC = "/sys/devices/system/edac/mc/";

    /** One memory controller's counts. */
    public record Controller(String name, Long ce, Long ue) {
    }

    public MemoryErrorCounts {
        controllers = List.copyOf(controllers);
    }

    public static MemoryErrorCounts read(Path root) {
        SysFiles sys = new SysFiles(root);
        List<Controller> mcs = new ArrayList<>();
        for (String mc : sys.list(EDAC, "mc[0-9]+")) {
            mcs.add(new Controller(mc, sys.readLong(EDAC + mc + "/ce_count").orElse(null),
                    sys.readLong(EDAC + mc + "/ue_count").orElse(null)));
        }
        Long ce = null;
        Long ue = null;
        String edacReason = null;
        if (mcs.isEmpty()) {
            edacReason = sys.path(EDAC) + " has no memory controller (no EDAC driver loaded: typical of VMs and of "
                    + "machines without ECC memory)";
        } else {
            ce = sum(mcs.stream().map(Controller::ce).toList());
            ue = sum(mcs.stream().map(Controller::ue).toList());
        }
        Optional<String> row = sys.firstLineStartingWith("/proc/interrupts", "MCE:");
        if (row.isEmpty()) {
            // the row starts with spaces before "MCE:" on most kernels
            row = sys.lines("/proc/interrupts").stream().filter(l -> l.strip().startsWith("MCE:")).findFirst();
        }
        Long mce = row.map(MemoryErrorCounts::machineChecks).orElse(null);
        String mceReason = mce != null ? null : sys.path("/proc/interrupts") + " has no MCE row (the kernel counts no "
                + "machine checks here: typical of VMs)";
        return new MemoryErrorCounts(mcs, ce, ue, edacReason, mce, mceReason);
    }

    /** The per-CPU counts of an {@code MCE:} row summed: "MCE:  0  2  Machine check exceptions" gives 2. */
    static long machineChecks(String row) {
        long total = 0;
        for (String f : row.strip().substring(4).strip().split("\\s+")) {
            Optional<Long> v = SysFiles.parseLong(f);
            if (v.isEmpty()) {
                break;      // the description after the counts
            }
            total += v.get();
        }
        return total;
    }

    private static Long sum(List<Long> values) {
        long s = 0;
        for (Long v : values) {
            if (v == null) {
                return null;
            }
            s += v;
        }
        return s;
    }
}
