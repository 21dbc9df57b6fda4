package org.assay.probes.topology;

import org.assay.probes.fixtures.Fixture;
import org.assay.probes.fixtures.ServerTree;
import org.assay.probes.internal.SysFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class FmaWidthsTest {

    @TempDir
    Path root;

    private FmaWidths cpuinfo(String text) {
        new Fixture(root).file("/proc/cpuinfo", text);
        return FmaWidths.read(new SysFiles(root));
    }

    @Test
    void avx512PartsHaveEveryWidth() {
        FmaWidths w = cpuinfo("processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 fma avx avx2 avx512f avx512dq\n\n"
                + "processor\t: 1\nflags\t\t: fpu\n");
        assertEquals(List.of(64, 128, 256, 512), w.bits());
        assertEquals(512, w.widest());
        assertEquals("scalar, 128, 256, 512", w.describe());
        assertEquals("/proc/cpuinfo flags (fma, avx512f)", w.basis());
    }

    @Test
    void avx2PartsStopAt256AndPartsWithoutFma3HaveNone() {
        FmaWidths avx2 = cpuinfo("processor\t: 0\nflags\t\t: fpu sse2 avx fma avx2\n");
        assertEquals(List.of(64, 128, 256), avx2.bits());
        assertFalse(avx2.has(512));
        // Sandy Bridge: AVX without FMA; an AMD part with only FMA4: a JVM emits neither
        FmaWidths none = cpuinfo("processor\t: 0\nflags\t\t: fpu sse2 avx fma4\n");
        assertEquals(List.of(), none.bits());
        assertEquals(0, none.widest());
        assertEquals("/proc/cpuinfo flags name no fma (FMA3)", none.basis());
        assertFalse(none.equals(FmaWidths.UNKNOWN), "known to have none is not unknown");
    }

    @Test
    void arm64AdvancedSimdGivesScalarAnd128() {
        FmaWidths w = cpuinfo("processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm aes crc32\nCPU implementer\t: 0x41\n");
        assertEquals(List.of(64, 128), w.bits());
        assertEquals("scalar, 128", w.describe());
        assertEquals(List.of(), cpuinfo("processor\t: 0\nFeatures\t: fp asimdhp\n").bits(), "asimdhp is not asimd");
    }

    @Test
    void noCpuinfoIsUnknown() {
        assertEquals(FmaWidths.UNKNOWN, FmaWidths.read(new SysFiles(root)));
        assertEquals("none", FmaWidths.UNKNOWN.describe());
    }

    @Test
    void theRunsSnapshotCarriesTheWidths() {
        ServerTree.write(root, ServerTree.cloudVm2());
        MachineSnapshot m = MachineSnapshot.read(root);
        assertEquals(List.of(64, 128, 256, 512), m.fmaWidths().bits(), "the cloud VM shape's flags name fma and avx512f");
    }
}
