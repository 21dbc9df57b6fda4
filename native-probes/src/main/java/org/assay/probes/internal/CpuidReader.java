package org.assay.probes.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executes CPUID on CPU N through {@code <root>/dev/cpu/N/cpuid}: a 16-byte {@code pread} at
 * offset = leaf | subleaf &lt;&lt; 32 gives EAX, EBX, ECX, EDX (docs/probes.md, cpuid). A
 * regular file there is a {@link RegisterFixture} ({@code leaf subleaf eax ebx ecx edx}); an
 * unlisted leaf reads as zeros, as an unimplemented leaf does on AMD.
 */
final class CpuidReader {

    private final Path root;
    private final Map<Integer, Object> fixtures = new ConcurrentHashMap<>();

    CpuidReader(Path root) {
        this.root = root;
    }

    Path device(int cpu) {
        return root.resolve("dev/cpu/" + cpu + "/cpuid");
    }

    /** {eax, ebx, ecx, edx}. */
    int[] read(int cpu, int leaf, int subleaf) throws ProbeIoException {
        Path dev = device(cpu);
        Object cached = fixtures.get(cpu);
        if (cached == null) {
            cached = Boolean.FALSE;
            if (Files.isRegularFile(dev)) {
                try {
                    cached = RegisterFixture.load(dev, 2);
                } catch (IOException e) {
                    throw new ProbeIoException(ProbeIoException.EIO, "bad fixture " + dev + ": " + e.getMessage());
                }
            }
            fixtures.put(cpu, cached);
        }
        if (cached instanceof RegisterFixture) {
            RegisterFixture fx = (RegisterFixture) cached;
            if (fx.openError() != null) {
                throw new ProbeIoException(fx.openError(), "open " + dev);
            }
            long[] v = fx.next(leaf & 0xFFFFFFFFL, subleaf & 0xFFFFFFFFL);
            return v == null ? new int[4] : new int[] {(int) v[0], (int) v[1], (int) v[2], (int) v[3]};
        }
        if (!Files.exists(dev)) {
            throw new ProbeIoException(ProbeIoException.ENOENT, dev + " missing");
        }
        long offset = (leaf & 0xFFFFFFFFL) | ((long) subleaf << 32);
        byte[] b = LibC.pread(dev.toString(), offset, 16);
        return new int[] {LibC.le32(b, 0), LibC.le32(b, 4), LibC.le32(b, 8), LibC.le32(b, 12)};
    }
}
