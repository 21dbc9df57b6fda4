package org.assay.probes.internal;

import java.util.Locale;

/** Binary sizes for people: 32 KiB, 1 MiB, 32 MiB, 23.3 GiB. */
public final class Units {
    private Units() {
    }

    public static String bytes(long b) {
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
}
