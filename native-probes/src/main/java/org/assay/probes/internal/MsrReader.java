package org.assay.probes.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads model-specific registers through {@code <root>/dev/cpu/N/msr}: a {@code pread} of 8 bytes
 * at offset = register number, decoded little-endian (docs/probes.md, msr). Read only: the class
 * has no write path, and {@link LibC} has no pwrite.
 *
 * <p>A regular file where the device should be is a {@link RegisterFixture}; anything else (the
 * character device on a live machine) goes through JNA. Errors keep their errno: ENOENT means no
 * msr module, EPERM no CAP_SYS_RAWIO, EACCES the file mode, EIO a register this CPU (or the
 * hypervisor) does not implement.
 */
public final class MsrReader {

    private final Path root;
    private final Map<Integer, Object> fixtures = new ConcurrentHashMap<>();

    MsrReader(Path root) {
        this.root = root;
    }

    public Path device(int cpu) {
        return root.resolve("dev/cpu/" + cpu + "/msr");
    }

    /** The unsigned 64-bit register value. */
    public long read(int cpu, long register) throws ProbeIoException {
        Path dev = device(cpu);
        RegisterFixture fx = fixture(cpu, dev);
        if (fx != null) {
            if (fx.openError() != null) {
                throw new ProbeIoException(fx.openError(), "open " + dev);
            }
            Long v = fx.nextScalar(register);
            if (v == null) {
                throw new ProbeIoException(ProbeIoException.EIO, "rdmsr 0x" + Long.toHexString(register) + " on cpu" + cpu);
            }
            return v;
        }
        // off_t is 64-bit: 0xC001029B is a positive offset, no sign trouble.
        return LibC.le64(LibC.pread(dev.toString(), register, 8), 0);
    }

    /** Throws the open error of cpu N's device, if any (ENOENT when the msr module is not loaded). */
    public void check(int cpu) throws ProbeIoException {
        Path dev = device(cpu);
        RegisterFixture fx = fixture(cpu, dev);
        if (fx != null) {
            if (fx.openError() != null) {
                throw new ProbeIoException(fx.openError(), "open " + dev);
            }
            return;
        }
        if (!Files.exists(dev)) {
            throw new ProbeIoException(ProbeIoException.ENOENT, dev + " missing");
        }
        // Opening is the only honest test of CAP_SYS_RAWIO; read the TSC (0x10), always present.
        try {
            LibC.pread(dev.toString(), 0x10, 8);
        } catch (ProbeIoException e) {
            if (e.errno() != ProbeIoException.EIO) {
                throw e;
            }
        }
    }

    private RegisterFixture fixture(int cpu, Path dev) throws ProbeIoException {
        Object cached = fixtures.get(cpu);
        if (cached == null) {
            cached = Boolean.FALSE;
            if (Files.isRegularFile(dev)) {
                try {
                    cached = RegisterFixture.load(dev, 1);
                } catch (NoSuchFileException e) {
                    throw new ProbeIoException(ProbeIoException.ENOENT, dev + " missing");
                } catch (IOException e) {
                    throw new ProbeIoException(ProbeIoException.EIO, "bad fixture " + dev + ": " + e.getMessage());
                }
            }
            fixtures.put(cpu, cached);
        }
        return cached instanceof RegisterFixture ? (RegisterFixture) cached : null;
    }
}
