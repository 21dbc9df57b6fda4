package org.assay.probes.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fixture form of {@code dev/cpu/N/msr} and {@code dev/cpu/N/cpuid}: a regular text file
 * standing where the character device would be, one register per line.
 *
 * <pre>
 * # msr: register value [value ...]   successive reads return successive values, the last repeats
 * 0x606 0x000a0e03
 * 0x611 0xfffff000 0x00000100
 * # cpuid: leaf subleaf eax ebx ecx edx
 * 0x0 0x0 0x16 0x756e6547 0x6c65746e 0x49656e69
 * # simulate a failing open (tests run as root, where a chmod would not deny anything)
 * open-error EPERM
 * </pre>
 *
 * <p>Why not a sparse file with values at offset = register (docs/probes.md, "Fixtures and
 * captured trees"): neighbouring registers (0x610/0x611, 0xE7/0xE8) overlap in 8-byte reads, a
 * hole reads as zeros where real hardware answers EIO, and git does not keep holes (0xC001029B
 * is a 3 GB offset). Here a
 * register that is not listed answers EIO, exactly as an unimplemented MSR does, and a counter
 * can be given as a series of snapshots so deltas and wrap-around are tested.
 */
final class RegisterFixture {

    private final Map<String, long[]> values = new HashMap<>();
    private final Map<String, Integer> cursor = new HashMap<>();
    private final Integer openError;

    private RegisterFixture(Integer openError) {
        this.openError = openError;
    }

    static RegisterFixture load(Path file, int keyFields) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Integer openError = null;
        Map<String, long[]> parsed = new HashMap<>();
        for (String raw : lines) {
            String line = raw.replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f[0].equals("open-error")) {
                openError = errno(f[1]);
                continue;
            }
            if (f.length <= keyFields) {
                throw new IOException(file + ": no value in line '" + raw + "'");
            }
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < keyFields; i++) {
                key.append(parse(f[i])).append('/');
            }
            long[] v = new long[f.length - keyFields];
            for (int i = keyFields; i < f.length; i++) {
                v[i - keyFields] = parse(f[i]);
            }
            parsed.put(key.toString(), v);
        }
        RegisterFixture fx = new RegisterFixture(openError);
        fx.values.putAll(parsed);
        return fx;
    }

    Integer openError() {
        return openError;
    }

    /** The record at a key (CPUID leaf and subleaf), or null when the fixture does not list it. */
    synchronized long[] next(long... key) {
        StringBuilder k = new StringBuilder();
        for (long part : key) {
            k.append(part).append('/');
        }
        String ks = k.toString();
        return values.get(ks);
    }

    /** Successive values of a one-value-per-read register (MSRs): the series advances per read. */
    synchronized Long nextScalar(long key) {
        String ks = key + "/";
        long[] v = values.get(ks);
        if (v == null) {
            return null;
        }
        int i = cursor.getOrDefault(ks, 0);
        cursor.put(ks, i + 1);
        return v[Math.min(i, v.length - 1)];
    }

    static long parse(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace("_", "");
        return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    }

    private static int errno(String name) throws IOException {
        switch (name) {
            case "EPERM": return ProbeIoException.EPERM;
            case "EACCES": return ProbeIoException.EACCES;
            case "ENOENT": return ProbeIoException.ENOENT;
            case "ENXIO": return ProbeIoException.ENXIO;
            case "EIO": return ProbeIoException.EIO;
            default: throw new IOException("unknown errno name " + name);
        }
    }
}
