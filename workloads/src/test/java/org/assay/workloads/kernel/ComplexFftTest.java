package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComplexFftTest {

    /** Both parities of the pass count after the scalar 8-point pass (radix-2 tail or not). */
    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64, 128, 256, 512, 2048})
    void transformMatchesDirectDft(int n) {
        ComplexFft f = new ComplexFft(n, 21);
        f.transform();
        double[][] want = ComplexFft.directDft(f.inputRe(), f.inputIm());
        for (int k = 0; k < n; k++) {
            assertEquals(want[0][k], f.outputRe()[k], 1e-10 * n, "Re X[" + k + "] for n=" + n);
            assertEquals(want[1][k], f.outputIm()[k], 1e-10 * n, "Im X[" + k + "] for n=" + n);
        }
    }

    @Test
    void verifyAcceptsLargeTransformByRoundTrip() {
        ComplexFft f = new ComplexFft(1 << 18, 4);
        f.transform();
        assertDoesNotThrow(f::verify);
    }

    @Test
    void verifyRejectsOneCorruptedBin() {
        ComplexFft f = new ComplexFft(4096, 9);
        f.transform();
        f.corruptOutput(777, true, 1e-6);
        IllegalStateException e = assertThrows(IllegalStateException.class, f::verify);
        assertTrue(e.getMessage().startsWith("fft verification failed for n=4096: expected x["), e.getMessage());
    }

    @Test
    void verifyRejectsCorruptedCheckedBin() {
        ComplexFft f = new ComplexFft(1024, 9);
        f.transform();
        f.corruptOutput(1, false, -f.outputRe()[1]);
        IllegalStateException e = assertThrows(IllegalStateException.class, f::verify);
        assertTrue(e.getMessage().startsWith("fft verification failed for n=1024: expected bin 1 = "), e.getMessage());
    }

    @Test
    void verifyRejectsWhenNothingWasTransformed() {
        assertThrows(IllegalStateException.class, new ComplexFft(64, 1)::verify);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 100, 4095})
    void refusesSizesThatAreNotLargeEnoughPowersOfTwo(int n) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ComplexFft(n, 1));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
    }

    /**
     * The six vectors start on 64-byte lines relative to the first one, and at different
     * 64-byte lines of a 4 KiB page: none of them 4K-aliases or shares L1 sets with another.
     */
    @ParameterizedTest
    @ValueSource(ints = {512, 4096, 1 << 16})
    void vectorsStartOnDifferentLinesOfA4KiBPage(int n) {
        int[] starts = new ComplexFft(n, 1).vectorStarts();
        assertEquals(ComplexFft.ALIGN_OFFSET, starts[0]);
        java.util.Set<Integer> linesInPage = new java.util.HashSet<>();
        for (int s : starts) {
            long byteOffset = 8L * (s - starts[0]);
            assertEquals(0, byteOffset % 64, "vector at element " + s + " starts on a line");
            assertTrue(linesInPage.add((int) (byteOffset % 4096 / 64)), "vector at element " + s
                    + " starts on the same line of a 4 KiB page as another: " + java.util.Arrays.toString(starts));
        }
    }

    /** ALIGN_OFFSET assumes double[] elements 16 bytes into the object; this JVM's own offset. */
    @Test
    @SuppressWarnings("removal")
    void alignOffsetPutsTheFirstElementOnA64ByteLine() {
        int base = sun.misc.Unsafe.ARRAY_DOUBLE_BASE_OFFSET;
        assertEquals(0, (base + 8 * ComplexFft.ALIGN_OFFSET) % 64,
                "double[] base offset " + base + " + " + ComplexFft.ALIGN_OFFSET + " doubles");
    }

    @Test
    void flopsFollowTheFiveNLogNConvention() {
        assertEquals(5.0 * 4096 * 12, ComplexFft.flopsPerTransform(4096), 0.0);
    }
}
