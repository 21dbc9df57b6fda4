package org.assay.probes.inventory;

import java.util.Locale;

/**
 * Binary sizes for people: 32 KiB, 1 MiB, 32 MiB, 23.3 GiB. The one formatter of byte counts, for
 * the inventory, the pre-flight checks and the harness's printers and findings.
 */
public final class ByteSizes {
    private ByteSizes() {
    }

    public static String format(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = b;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%d %s", (long) v, units[u])
                : String.format(Locale.ROOT, "%.1f %s", v, units[u]));
    }

    /** As {@link #format(long)}, or "unknown" when nothing was read. */
    public static String format(Long b) {
        return b == null ? "unknown" : format(b.longValue());
    }
}
