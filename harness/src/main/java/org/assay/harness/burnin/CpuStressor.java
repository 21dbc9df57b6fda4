package org.assay.harness.burnin;

import org.assay.workloads.kernel.BlockedDgemm;
import org.assay.workloads.kernel.ComplexFft;
import org.assay.workloads.kernel.SegmentedSieve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU load: each thread runs rounds of a DGEMM product, a batch of FFTs and a prime sieve, and
 * checks every result before the next round, so a core that computes wrong under heat or low
 * voltage is caught in the round it happened. The references are independent of the kernels:
 * DGEMM by Freivalds' check against the inputs ({@link BlockedDgemm#verify()}), the FFT by direct
 * DFT bins and the inverse round trip ({@link ComplexFft#verify()}), the sieve by the known
 * prime count pi(10^6) = 78498, a table value ({@link SegmentedSieve#knownPrimeCount}).
 *
 * <p>Sizes are fixed and small (DGEMM n = {@value #DGEMM_N}: 1.5 MiB of matrices per thread,
 * FFT n = {@value #FFT_N}, sieve to 10^6 in a 32 KiB segment), so a round takes a few
 * milliseconds: a wrong result is timed to the round, and the throughput meter moves smoothly.
 */
public final class CpuStressor implements Stressor {

    public static final int DGEMM_N = 256;
    public static final int FFT_N = 4096;
    public static final int FFTS_PER_ROUND = 8;
    public static final long SIEVE_LIMIT = 1_000_000;
    static final int SIEVE_SEGMENT = 32 * 1024;
    /** The kernels a round may contain, in round order. */
    public static final List<String> KERNELS = List.of("dgemm", "fft", "sieve");

    private final List<Integer> cpus;
    private final Set<String> mix;
    private final StressContext ctx;
    private final Meter rounds = new Meter(Component.CPU, "cpu.rounds", "rounds/s", 1);
    private final Meter products = new Meter(Component.CPU, "cpu.dgemm", "products/s", 1);
    private final Meter transforms = new Meter(Component.CPU, "cpu.fft", "transforms/s", 1);
    private final Meter sieves = new Meter(Component.CPU, "cpu.sieve", "sieves/s", 1);

    /** @param cpus one entry per thread: the CPU it is pinned to */
    public CpuStressor(List<Integer> cpus, Set<String> mix, StressContext ctx) {
        this.cpus = List.copyOf(cpus);
        this.mix = Set.copyOf(mix);
        this.ctx = ctx;
    }

    @Override
    public Component component() {
        return Component.CPU;
    }

    @Override
    public List<Meter> meters() {
        return List.of(rounds, products, transforms, sieves);
    }

    @Override
    public List<Worker> workers() {
        List<Worker> w = new ArrayList<>();
        for (int i = 0; i < cpus.size(); i++) {
            int index = i;
            w.add(new Worker("assay-burnin-cpu-" + i, cpus.get(i), () -> loop(index)));
        }
        return w;
    }

    private void loop(int index) {
        long seed = 0xC0FFEE + index;
        BlockedDgemm dgemm = mix.contains("dgemm") ? new BlockedDgemm(DGEMM_N, seed) : null;
        ComplexFft fft = mix.contains("fft") ? new ComplexFft(FFT_N, seed) : null;
        SegmentedSieve sieve = mix.contains("sieve") ? new SegmentedSieve(SIEVE_LIMIT, SIEVE_SEGMENT) : null;
        long expectedPrimes = SegmentedSieve.knownPrimeCount(SIEVE_LIMIT);
        for (long round = 1; !ctx.stopped(); round++) {
            // the test hook corrupts the first kernel of the round, once per run
            boolean inject = ctx.faults().fire(Component.CPU);
            if (dgemm != null) {
                dgemm.multiply();
                if (inject) {
                    inject = false;
                    dgemm.flipResultBit(DGEMM_N + 1, 60);   // an exponent bit: one element far off
                }
                try {
                    dgemm.verify();
                } catch (IllegalStateException e) {
                    ctx.kernelError(Component.CPU, round, "dgemm", e);
                }
                products.add(1);
            }
            if (fft != null) {
                for (int k = 0; k < FFTS_PER_ROUND; k++) {
                    fft.transform();
                }
                if (inject) {
                    inject = false;
                    fft.flipOutputBit(1, 60);
                }
                try {
                    fft.verify();
                } catch (IllegalStateException e) {
                    ctx.kernelError(Component.CPU, round, "fft", e);
                }
                transforms.add(FFTS_PER_ROUND);
            }
            if (sieve != null) {
                long count = sieve.countPrimes();
                if (inject) {
                    count ^= 1;
                }
                if (count != expectedPrimes) {
                    ctx.error(Component.CPU, round, "sieve", "primes below " + SIEVE_LIMIT, String.valueOf(expectedPrimes),
                            String.valueOf(count));
                }
                sieves.add(1);
            }
            rounds.add(1);
        }
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", cpus.size());
        m.put("cpus", cpus);
        m.put("kernels", KERNELS.stream().filter(mix::contains).toList());
        m.put("dgemmN", DGEMM_N);
        m.put("fftN", FFT_N);
        m.put("fftsPerRound", FFTS_PER_ROUND);
        m.put("sieveLimit", SIEVE_LIMIT);
        return m;
    }

    @Override
    public void close() {
        // heap only: nothing to release
    }
}
