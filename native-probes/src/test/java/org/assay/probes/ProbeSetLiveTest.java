package org.assay.probes;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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

    @Test
    void readingEveryProbeTwiceNeverThrowsAndNeverInventsAZero() {
        ProbeSet set = ProbeSet.open(Path.of("/"));
        for (Probe p : set.probes()) {
            assertDoesNotThrow(() -> p.read(), p.id());
            assertDoesNotThrow(() -> p.read(), p.id());
        }
        set.readAll().forEach(r -> System.out.println(r));
    }

    @Test
    void theFrequencyProbeAlwaysHasASourceBecauseTheEstimateNeedsNoPrivilege() {
        ProbeSet set = ProbeSet.open(Path.of("/"));
        double mhz = set.averageMHz();
        assertTrue(mhz > 200 && mhz < 10_000, "implausible clock " + mhz + " MHz from " + set.frequencySource());
    }
}
