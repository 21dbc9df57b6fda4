package org.assay.probes.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.assay.probes.fixtures.Fixture;
import org.assay.probes.topology.CpuTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class PeakEstimatorTest {

    @Test
    void zen4RunsAvx512AtHalfWidthSoItsPeakPerCycleIsTheSameAsAvx2() {
        // family 19h model 11h: the EPYC Genoa identity this guest reports; measured 16.0 FLOP/cycle
        assertEquals(16, PeakEstimator.avx512FlopPerCycle(true, 0x19));
    }

    @Test
    void zen5HasFullWidthFmaPipes() {
        assertEquals(32, PeakEstimator.avx512FlopPerCycle(true, 0x1A));
    }

    @Test
    void intelWithAvx512AssumesTwoFmaUnits() {
        assertEquals(32, PeakEstimator.avx512FlopPerCycle(false, 6));
    }

    @TempDir
    Path root;

    /** A tree with no /dev/cpu/N/cpuid: two Zen 5 cores whose cpuinfo names AVX-512. */
    private Path zen5WithoutCpuid(String flags) {
        Fixture f = new Fixture(root).file("/sys/devices/system/cpu/online", "0-1")
                .cpu(0, 0, 0, "0").cpu(1, 0, 1, "1");
        StringBuilder info = new StringBuilder();
        for (int cpu = 0; cpu < 2; cpu++) {
            info.append("processor\t: ").append(cpu).append("\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n")
                    .append("model\t\t: 2\ncpu MHz\t\t: 2600.000\nflags\t\t: ").append(flags).append("\n\n");
        }
        f.file("/proc/cpuinfo", info.toString());
        return root;
    }

    @Test
    void withoutCpuidTheVectorIsaComesFromCpuinfoFlagsAndSaysSo() {
        Path tree = zen5WithoutCpuid("fpu sse2 avx fma avx2 avx512f avx512dq hypervisor");
        Inventory.Peak p = PeakEstimator.compute(tree, CpuTopology.read(tree), false);
        assertEquals(32, p.flopPerCyclePerCore());
        assertEquals(2 * 2600.0 * 32 / 1000, p.gflopsFp64(), 1e-9);
        assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("vector ISA from /proc/cpuinfo flags")), p.notes().toString());
    }

    @Test
    void withoutCpuidOrVectorFlagsThePeakIsUnknownNotAGuess() {
        Path tree = zen5WithoutCpuid("fpu tsc hypervisor");
        Inventory.Peak p = PeakEstimator.compute(tree, CpuTopology.read(tree), false);
        assertNull(p.flopPerCyclePerCore());
        assertNull(p.gflopsFp64());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("vector ISA unknown")), p.notes().toString());
    }
}
