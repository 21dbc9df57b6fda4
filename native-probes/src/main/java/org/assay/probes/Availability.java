package org.assay.probes;

import org.assay.results.ProbeStatus;

/**
 * Whether a probe works here. Available probes say which source they use ("powercap", "MSR",
 * "estimated from a dependent add chain"), unavailable ones say why and what would fix it, e.g.
 * reason "/dev/cpu/0/msr missing (ENOENT)", fix "modprobe msr; run as root or with CAP_SYS_RAWIO".
 */
public record Availability(boolean available, String source, String reason, String fix) {

    public static Availability available(String source) {
        return new Availability(true, source, null, null);
    }

    public static Availability unavailable(String reason, String fix) {
        return new Availability(false, null, reason, fix);
    }

    /** The bundle's form; an available probe's source goes in the reason field as a note. */
    public ProbeStatus toStatus(String id) {
        return available ? new ProbeStatus(id, true, source, null) : new ProbeStatus(id, false, reason, fix);
    }
}
