package org.assay.probes;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.ProbeIoException;
import java.util.List;

/**
 * Whether model-specific registers can be read at all ({@code /dev/cpu/N/msr}): the RAPL, thermal,
 * frequency and throttle probes fall back to MSRs, and this probe says once why they cannot.
 * Reading: the time-stamp counter (0x10) of the first CPU, as proof that a read works.
 */
final class MsrProbe extends ProbeBase {

    MsrProbe(ProbeContext ctx) {
        super(ctx, "msr", "",
                "model-specific registers through /dev/cpu/N/msr (read only)");
        Availability a;
        try {
            ctx.msr.check(ctx.firstCpu());
            a = Availability.available(ctx.msr.device(ctx.firstCpu()).toString() + " (read only)");
        } catch (ProbeIoException e) {
            a = Availability.unavailable(e.getMessage(), ProbeContext.msrFix(e));
        }
        decide(a);
    }

    @Override
    public List<Reading> read() {
        if (!availability().available()) {
            return List.of();
        }
        try {
            return List.of(new Reading("msr.tsc", "cpu" + ctx.firstCpu(), ctx.msr.read(ctx.firstCpu(), 0x10), "ticks"));
        } catch (ProbeIoException e) {
            return List.of();
        }
    }
}
