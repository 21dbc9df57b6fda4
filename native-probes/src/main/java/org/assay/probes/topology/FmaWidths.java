package org.assay.probes.topology;

import org.assay.probes.internal.CpuInfo;
import org.assay.probes.internal.SysFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The FP64 fused multiply-add widths the CPU executes, from the first processor block of
 * {@code /proc/cpuinfo}: what the {@code cpu.peak} workload may measure on this machine.
 *
 * <p>On x86, {@code fma} (FMA3, the form JVMs emit) gives scalar, 128- and 256-bit FMAs, and
 * {@code avx512f} adds 512 bits; a CPU without {@code fma} has no FMA a JVM uses. On AArch64,
 * {@code asimd} gives scalar and 128-bit FMAs. The kernel's flags are what the CPU offers: whether
 * a JVM compiles to all of them is decided in the fork (a JVM may stop at 256 bits on some parts,
 * or by {@code -XX:UseAVX}), where the kernel refuses a width its JVM lacks.
 *
 * @param bits  the widths in bits, narrowest first, 64 standing for scalar; empty when the CPU has
 *              no FMA or when its flags are not known
 * @param basis where the widths come from, or why they are not known, for messages
 */
public record FmaWidths(List<Integer> bits, String basis) {

    /** No flags to read (no {@code /proc/cpuinfo}, or a context built without one). */
    public static final FmaWidths UNKNOWN = new FmaWidths(List.of(), "no CPU flags were read");

    public FmaWidths {
        bits = List.copyOf(bits);
    }

    public static FmaWidths read(SysFiles fs) {
        return of(CpuInfo.parse(fs.lines("/proc/cpuinfo")));
    }

    static FmaWidths of(CpuInfo info) {
        if (info.get("flags").isPresent()) {
            List<Integer> bits = new ArrayList<>();
            if (info.hasFlag("fma")) {
                bits.addAll(List.of(64, 128, 256));
                if (info.hasFlag("avx512f")) {
                    bits.add(512);
                }
            }
            return new FmaWidths(bits, bits.isEmpty() ? "/proc/cpuinfo flags name no fma (FMA3)"
                    : "/proc/cpuinfo flags (" + (bits.contains(512) ? "fma, avx512f" : "fma, no avx512f") + ")");
        }
        if (info.get("Features").isPresent()) {
            boolean asimd = info.get("Features").get().matches("(.*\\s)?asimd(\\s.*)?");
            return new FmaWidths(asimd ? List.of(64, 128) : List.of(),
                    asimd ? "/proc/cpuinfo Features (asimd)" : "/proc/cpuinfo Features name no asimd");
        }
        return UNKNOWN;
    }

    public boolean has(int widthBits) {
        return bits.contains(widthBits);
    }

    /** The widest, or 0 when there is none. */
    public int widest() {
        return bits.isEmpty() ? 0 : bits.get(bits.size() - 1);
    }

    /** The widths as the {@code cpu.peak} parameter names them: {@code scalar, 128, 256}. */
    public String describe() {
        return bits.isEmpty() ? "none" : bits.stream().map(b -> b == 64 ? "scalar" : String.valueOf(b))
                .collect(Collectors.joining(", "));
    }
}
