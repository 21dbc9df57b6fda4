package org.assay.probes.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RegisterFixture}s standing in for one kind of per-CPU device node
 * ({@code dev/cpu/N/msr} or {@code dev/cpu/N/cpuid}), each loaded once and kept: a fixture's
 * counter series advances per read, so reloading it would restart the series.
 */
final class FixtureNodes {

    private final int keyFields;
    /** Per CPU: the fixture, or empty when the node is not a regular file (a real device, or none). */
    private final Map<Integer, Optional<RegisterFixture>> loaded = new ConcurrentHashMap<>();

    /** @param keyFields how many leading numbers of a fixture line name the register (MSR 1, CPUID 2) */
    FixtureNodes(int keyFields) {
        this.keyFields = keyFields;
    }

    /**
     * The fixture at {@code dev}, or null when {@code dev} is not a fixture. A fixture that
     * simulates a failing open throws that error here, as opening the device would.
     */
    RegisterFixture open(int cpu, Path dev) throws ProbeIoException {
        Optional<RegisterFixture> fx = loaded.get(cpu);
        if (fx == null) {
            fx = Files.isRegularFile(dev) ? Optional.of(load(dev)) : Optional.empty();
            loaded.put(cpu, fx);
        }
        if (fx.isPresent() && fx.get().openError() != null) {
            throw new ProbeIoException(fx.get().openError(), "open " + dev);
        }
        return fx.orElse(null);
    }

    private RegisterFixture load(Path dev) throws ProbeIoException {
        try {
            return RegisterFixture.load(dev, keyFields);
        } catch (NoSuchFileException e) {
            throw new ProbeIoException(ProbeIoException.ENOENT, dev + " missing");
        } catch (IOException e) {
            throw new ProbeIoException(ProbeIoException.EIO, "bad fixture " + dev + ": " + e.getMessage());
        }
    }
}
