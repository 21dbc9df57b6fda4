package org.assay.probes.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
}
