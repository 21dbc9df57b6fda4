package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FmaPeakTest {

    /** The widths this test JVM can run: scalar and 128 on every x86-64 and AArch64 JVM, more where it has them. */
    private static List<Integer> widths() {
        List<Integer> out = new ArrayList<>(List.of(FmaPeak.SCALAR_BITS));
        for (int bits = 128; bits <= Math.min(512, FmaPeak.jvmMaxBits()); bits *= 2) {
            out.add(bits);
        }
        return out;
    }

    @Test
    void everyWidthEndsEveryLaneOnItsClosedForm() {
        for (int bits : widths()) {
            FmaPeak k = new FmaPeak(bits);
            int values = FmaPeak.CHAINS * bits / FmaPeak.SCALAR_BITS;
            // chain values start at 1, 2, ..., values and each gains STEPS * 2^-24 = 2^-8 exactly
            double expected = values * (values + 1) / 2.0 + values * 0x1p-8;
            assertEquals(expected, k.run(), 0.0, bits + " bits");
            assertDoesNotThrow(k::verify, bits + " bits");
            assertEquals(expected, k.run(), 0.0, "a second operation restarts from the same values");
            assertDoesNotThrow(k::verify);
        }
    }

    @Test
    void verifyRejectsALaneThatMissedAStep() {
        for (int bits : widths()) {
            FmaPeak k = new FmaPeak(bits);
            k.run();
            int last = FmaPeak.CHAINS * bits / FmaPeak.SCALAR_BITS - 1;
            k.corruptLane(last);
            IllegalStateException e = assertThrows(IllegalStateException.class, k::verify);
            int lanes = bits / FmaPeak.SCALAR_BITS;
            assertTrue(e.getMessage().startsWith("fma peak verification failed at " + bits + " bits: expected chain "
                    + (FmaPeak.CHAINS - 1) + " lane " + (lanes - 1) + " = " + (last + 1 + 0x1p-8) + " but got "),
                    e.getMessage());
        }
    }

    @Test
    void verifyRejectsAKernelThatComputedSomethingElse() {
        for (int bits : widths()) {
            FmaPeak k = new FmaPeak(bits);
            k.setMultiplier(1.5);   // every FMA adds 1.5 x 2^-24: right shape, wrong arithmetic
            k.run();
            IllegalStateException e = assertThrows(IllegalStateException.class, k::verify);
            assertTrue(e.getMessage().contains("expected chain 0 lane 0 = " + (1 + 0x1p-8) + " but got " + (1 + 1.5 * 0x1p-8)),
                    e.getMessage());
        }
    }

    @Test
    void verifyBeforeAnyOperationFails() {
        assertThrows(IllegalStateException.class, new FmaPeak(FmaPeak.SCALAR_BITS)::verify);
    }

    @Test
    void countsTwoFlopsPerFmaPerLane() {
        assertEquals(2.0 * 12 * 65_536, FmaPeak.flopsPerOperation(64));
        assertEquals(8 * FmaPeak.flopsPerOperation(64), FmaPeak.flopsPerOperation(512));
        assertEquals(2 * FmaPeak.flopsPerOperation(128), FmaPeak.flopsPerOperation(256));
    }

    @Test
    void refusesWidthsWithoutALoopOrBeyondTheJvm() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> FmaPeak.checkWidth(96, 512, true));
        assertEquals("FMA width 96 bits: expected 64 (scalar), 128, 256 or 512", odd.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class, () -> FmaPeak.checkWidth(512, 256, true));
        assertTrue(wide.getMessage().startsWith("FMA width 512 bits: this JVM's widest DoubleVector is 256 bits"),
                wide.getMessage());
        IllegalArgumentException noFma = assertThrows(IllegalArgumentException.class, () -> FmaPeak.checkWidth(64, 512, false));
        assertTrue(noFma.getMessage().startsWith("this JVM has UseFMA off"), noFma.getMessage());
        assertDoesNotThrow(() -> FmaPeak.checkWidth(256, 256, null), "a JVM that does not say is not refused");
        assertDoesNotThrow(() -> FmaPeak.checkWidth(64, 128, true));
        assertThrows(IllegalArgumentException.class, () -> new FmaPeak(1024));
    }

    @Test
    void widthNamesParse() {
        assertEquals(64, FmaPeak.bitsOf("scalar"));
        assertEquals(256, FmaPeak.bitsOf("256"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FmaPeak.bitsOf("avx2"));
        assertEquals("FMA width 'avx2': expected scalar, 128, 256 or 512", e.getMessage());
    }
}
