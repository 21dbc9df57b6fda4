package org.assay.harness.burnin;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One phase, resolved: every size in bytes, every thread on its CPU, the thresholds complete.
 * A component whose list of CPUs is empty is idle in the phase.
 *
 * @param cpuCpus      one CPU per CPU-load thread
 * @param cpuKernels   the kernels of a CPU round (dgemm, fft, sieve)
 * @param memoryCpus   one CPU per memory thread
 * @param memoryBytes  bytes of memory tested
 * @param storageCpus  one CPU per storage queue slot
 * @param storageDir   the directory of the storage files; null when storage is idle
 * @param networkCpus  two CPUs per connection: sender, receiver
 */
public record PhaseSpec(String name, double seconds, List<Integer> cpuCpus, Set<String> cpuKernels,
                        List<Integer> memoryCpus, long memoryBytes, List<Integer> storageCpus, Path storageDir,
                        long storageBytes, List<Integer> networkCpus, Thresholds thresholds) {

    public PhaseSpec {
        cpuCpus = List.copyOf(cpuCpus);
        cpuKernels = Set.copyOf(cpuKernels);
        memoryCpus = List.copyOf(memoryCpus);
        storageCpus = List.copyOf(storageCpus);
        networkCpus = List.copyOf(networkCpus);
    }

    /** The components this phase loads, in order. */
    public List<Component> components() {
        List<Component> c = new java.util.ArrayList<>();
        if (!cpuCpus.isEmpty()) {
            c.add(Component.CPU);
        }
        if (!memoryCpus.isEmpty()) {
            c.add(Component.MEMORY);
        }
        if (!storageCpus.isEmpty()) {
            c.add(Component.STORAGE);
        }
        if (!networkCpus.isEmpty()) {
            c.add(Component.NETWORK);
        }
        return c;
    }
}
