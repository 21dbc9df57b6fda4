package org.assay.results;

/**
 * Whether a probe could run on this machine; when not, the reason and the fix, e.g.
 * reason "/dev/cpu/0/msr missing", fix "modprobe msr; run as root or with CAP_SYS_RAWIO".
 */
public record ProbeStatus(String id, boolean available, String reason, String fix) {
}
