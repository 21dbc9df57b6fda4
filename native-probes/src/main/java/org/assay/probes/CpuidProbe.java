package org.assay.probes;

import org.assay.probes.internal.CpuInfo;
import org.assay.probes.internal.CpuidFacts;
import org.assay.probes.internal.ProbeContext;
import java.util.List;

/**
 * CPUID through {@code /dev/cpu/N/cpuid}: vendor, family/model/stepping, features and cache
 * descriptors, cross-checked against {@code /proc/cpuinfo}. A static reading, but it tells the
 * other probes which registers exist (leaf 6 for thermal and APERF/MPERF, 0x80000007 for AMD RAPL).
 */
final class CpuidProbe extends ProbeBase {

    CpuidProbe(ProbeContext ctx) {
        super(ctx, "cpuid", "",
                "processor identity, features and caches from CPUID");
        if (ctx.facts == null) {
            String reason = ctx.cpuidProblem == null ? "cpuid not readable" : ctx.cpuidProblem;
            decide(Availability.unavailable(reason,
                    reason.contains("ENOENT") || reason.contains("missing")
                            ? "load the cpuid module (modprobe cpuid); in a container bind-mount /dev/cpu"
                            : "run as root or make /dev/cpu/*/cpuid readable (chmod o+r or a udev rule)"));
        } else {
            decide(Availability.available("/dev/cpu/" + ctx.firstCpu() + "/cpuid"));
        }
    }

    /** Identity, features, caches and any disagreement with /proc/cpuinfo, for people. */
    String describe() {
        CpuidFacts f = ctx.facts;
        if (f == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(f.identity());
        b.append("; features ").append(String.join(" ", f.features()));
        if (!f.caches().isEmpty()) {
            b.append("; caches ");
            for (int i = 0; i < f.caches().size(); i++) {
                b.append(i == 0 ? "" : ", ").append(f.caches().get(i));
            }
        }
        List<String> mismatch = f.crossCheck(CpuInfo.parse(ctx.sys.lines("/proc/cpuinfo")));
        b.append(mismatch.isEmpty() ? "; agrees with /proc/cpuinfo" : "; DISAGREES with /proc/cpuinfo: " + mismatch);
        return b.toString();
    }

    @Override
    public List<Reading> read() {
        CpuidFacts f = ctx.facts;
        if (f == null) {
            return List.of();
        }
        return List.of(new Reading("cpuid.family", "", f.family(), ""),
                new Reading("cpuid.model", "", f.model(), ""),
                new Reading("cpuid.stepping", "", f.stepping(), ""));
    }
}
