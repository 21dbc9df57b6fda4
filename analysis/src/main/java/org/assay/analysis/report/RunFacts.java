package org.assay.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.Bundle;
import org.assay.results.BundleFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plain facts a report states about a run: the machine, the command to repeat it, its checksum. */
final class RunFacts {

    private RunFacts() {
    }

    /** Label to value: CPU, cores, memory, OS, JVM, virtualization, caches; absent facts left out. */
    static Map<String, String> machine(Bundle b) {
        Map<String, String> m = new LinkedHashMap<>();
        JsonNode inv = b.manifest().inventory();
        if (inv == null) {
            m.put("inventory", "not recorded");
            return m;
        }
        JsonNode cpu = inv.path("cpu");
        put(m, "host", inv.path("os").path("hostname").asText(b.manifest().host()));
        put(m, "instance type", inv.path("virtualization").path("dmiProductName").asText(null));
        put(m, "CPU", join(cpu.path("name").asText(null), cpu.path("microarchitecture").asText(null)));
        if (cpu.has("sockets")) {
            put(m, "cores", cpu.path("sockets").asInt() + " socket(s), " + cpu.path("physicalCores").asInt()
                    + " cores, " + cpu.path("logicalCpus").asInt() + " logical CPUs (online "
                    + cpu.path("onlineCpus").asText("?") + ")");
        }
        List<String> caches = new ArrayList<>();
        for (JsonNode c : inv.path("caches")) {
            if (c.path("sizeBytes").isNumber()) {
                caches.add(c.path("label").asText() + " " + bytes(c.get("sizeBytes").asDouble()));
            }
        }
        put(m, "caches", caches.isEmpty() ? null : String.join(", ", caches));
        if (inv.path("memory").path("totalBytes").isNumber()) {
            put(m, "memory", bytes(inv.path("memory").get("totalBytes").asDouble()));
        }
        put(m, "OS", join(inv.path("os").path("name").asText(null), inv.path("os").path("kernel").asText(null)));
        put(m, "JVM", join(inv.path("jvm").path("vmName").asText(null), inv.path("jvm").path("version").asText(null)));
        put(m, "virtualization", inv.path("virtualization").path("verdict").asText(null));
        if (inv.path("peak").path("gflopsFp64").isNumber()) {
            put(m, "estimated FP64 peak", String.format(Locale.ROOT, "%.1f GFLOP/s (%s)",
                    inv.path("peak").get("gflopsFp64").asDouble(), inv.path("peak").path("isa").asText("")));
        }
        return m;
    }

    /** The command line, each argument quoted for a POSIX shell where it needs it. */
    static String command(Bundle b) {
        List<String> parts = new ArrayList<>();
        for (String a : b.manifest().command()) {
            parts.add(a.matches("[A-Za-z0-9_./=:,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", parts);
    }

    /** SHA-256 of the bundle's SHA256SUMS: one figure that changes if any file of the bundle does. */
    static String checksum(Bundle b) throws IOException {
        Path sums = b.dir().resolve(BundleFormat.SHA256SUMS);
        if (!Files.isRegularFile(sums)) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(sums)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        while (b >= 1024 && i < units.length - 1) {
            b /= 1024;
            i++;
        }
        return (b == Math.rint(b) ? String.format(Locale.ROOT, "%.0f", b) : String.format(Locale.ROOT, "%.1f", b))
                + " " + units[i];
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() || b.equals("null") ? a : a + " (" + b + ")";
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank() && !v.equals("null")) {
            m.put(k, v);
        }
    }
}
