package org.assay.probes;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probes on the machine running the tests: whatever is missing must say why, and nothing throws. */
class ProbeSetLiveTest {

    @Test
    void everyUnavailableProbeOnThisMachineGivesAReasonAndAFix() {
        ProbeSet set = ProbeSet.open(Path.of("/"));
        Set<String> ids = new HashSet<>();
        for (Probe p : set.probes()) {
            assertTrue(ids.add(p.id()), "duplicate id " + p.id());
            Availability a = p.availability();
            System.out.println(p.id() + ": " + a + " " + set.details(p));
            if (!a.available()) {
                assertNotNull(a.reason(), p.id());
                assertFalse(a.reason().isBlank(), p.id());
                assertNotNull(a.fix(), p.id());
                assertFalse(a.fix().isBlank(), p.id());
            } else {
                assertNotNull(a.source(), p.id());
            }
        }
    }

    /**
     * Twice, because counter probes report only from their second read on. A value that could not
     * be taken is NaN or absent (see {@link Reading}): an unavailable probe reads nothing, and a
     * gauge that cannot be 0 (a clock, a temperature) is never 0.
     */
    @Test
    void readingEveryProbeTwiceNeverThrowsAndNeverInventsAZero() {
        ProbeSet set = ProbeSet.open(Path.of("/"));
        for (Probe p : set.probes()) {
            List<Reading> all = new ArrayList<>(assertDoesNotThrow(() -> p.read(), p.id()));
            all.addAll(assertDoesNotThrow(() -> p.read(), p.id()));
            if (!p.availability().available()) {
                assertEquals(List.of(), all, p.id() + " is unavailable but read values");
            }
            for (Reading r : all) {
                System.out.println(r);
                ProbeContractTest.assertNoInventedZero(p, r);
            }
        }
    }

    @Test
    void theFrequencyProbeAlwaysHasASourceBecauseTheEstimateNeedsNoPrivilege() {
        ProbeSet set = ProbeSet.open(Path.of("/"));
        double mhz = set.averageMHz();
        assertTrue(mhz > 200 && mhz < 10_000, "implausible clock " + mhz + " MHz from " + set.frequencySource());
    }
}
