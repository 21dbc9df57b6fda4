package org.assay.harness.burnin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The stressors of one phase, in component order; what one allocated is released if a later one cannot start. */
final class StressorFactory {

    private StressorFactory() {
    }

    static List<Stressor> create(PhaseSpec p, StressContext ctx, String runId) {
        List<Stressor> out = new ArrayList<>();
        try {
            if (!p.cpuCpus().isEmpty()) {
                out.add(new CpuStressor(p.cpuCpus(), p.cpuKernels(), ctx));
            }
            if (!p.memoryCpus().isEmpty()) {
                out.add(new MemoryStressor(p.memoryCpus(), p.memoryBytes(), ctx));
            }
            if (!p.storageCpus().isEmpty()) {
                out.add(new StorageStressor(p.storageCpus(), p.storageDir(), p.storageBytes(), runId, ctx));
            }
            if (!p.networkCpus().isEmpty()) {
                out.add(new NetworkStressor(p.networkCpus(), ctx));
            }
            return out;
        } catch (IOException e) {
            out.forEach(Stressor::close);
            throw new UncheckedIOException("phase " + p.name() + ": cannot start its load: " + e.getMessage(), e);
        } catch (RuntimeException | OutOfMemoryError e) {
            out.forEach(Stressor::close);
            throw e;
        }
    }
}
