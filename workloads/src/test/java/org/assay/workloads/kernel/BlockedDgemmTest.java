package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockedDgemmTest {

    /**
     * Sizes that exercise every path: smaller than one tile (1, 5), partial edge tiles in both
     * directions (17, 97), exact tiles (96 = 16 x 6 rows, 6 x 16 columns), and more than one
     * depth block (300 > KC), where later blocks accumulate into C.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 17, 96, 97, 300})
    void productMatchesNaiveTripleLoop(int n) {
        BlockedDgemm d = new BlockedDgemm(n, 11);
        d.multiply();
        double[] want = BlockedDgemm.naiveProduct(d.a(), d.b(), n);
        double[] got = d.c();
        for (int i = 0; i < n * n; i++) {
            assertEquals(want[i], got[i], 1e-12 * n, "C[" + i / n + "][" + i % n + "] for n=" + n);
        }
    }

    @Test
    void repeatedProductsOverwriteRatherThanAccumulate() {
        BlockedDgemm d = new BlockedDgemm(300, 3);
        double first = d.multiply();
        assertEquals(first, d.multiply(), 0.0);
        assertDoesNotThrow(d::verify);
    }

    @Test
    void verifyAcceptsCorrectProductOnLargeSize() {
        BlockedDgemm d = new BlockedDgemm(520, 5);
        d.multiply();
        assertDoesNotThrow(d::verify);
    }

    @Test
    void verifyRejectsOneCorruptedElement() {
        BlockedDgemm d = new BlockedDgemm(200, 7);
        d.multiply();
        d.c()[123 * 200 + 45] += 0.5;
        IllegalStateException e = assertThrows(IllegalStateException.class, d::verify);
        assertTrue(e.getMessage().startsWith("dgemm verification failed for n=200: expected (A(Bx))[123]"),
                e.getMessage());
    }

    @Test
    void verifyRejectsProductThatWasNeverComputed() {
        assertThrows(IllegalStateException.class, new BlockedDgemm(64, 1)::verify);
    }

    @Test
    void refusesNonPositiveOrder() {
        assertThrows(IllegalArgumentException.class, () -> new BlockedDgemm(0, 1));
    }

    @Test
    void flopsFollowTheBlasConvention() {
        assertEquals(2.0 * 1024 * 1024 * 1024, BlockedDgemm.flopsPerProduct(1024), 0.0);
    }
}
