package org.assay.probes;

import org.assay.probes.fixtures.MachineFixtures;
import org.assay.probes.topology.MachineSnapshot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing a set closes every probe in it, so no perf_event descriptor outlives the run. */
class ProbeSetCloseTest {

    /** A probe that records whether it was closed, and can fail to close. */
    private static final class FakeProbe implements Probe {
        private final String id;
        private final boolean failsToClose;
        private final List<String> closedLog;

        FakeProbe(String id, boolean failsToClose, List<String> closedLog) {
            this.id = id;
            this.failsToClose = failsToClose;
            this.closedLog = closedLog;
        }

        @Override public String id() { return id; }
        @Override public String unit() { return ""; }
        @Override public String description() { return "fake"; }
        @Override public Availability availability() { return Availability.available("fake"); }
        @Override public List<Reading> read() { return List.of(); }

        @Override
        public void close() {
            closedLog.add(id);
            if (failsToClose) {
                throw new IllegalStateException(id + " failed to close");
            }
        }
    }

    @Test
    void everyProbeIsClosedEvenWhenOneFails() {
        List<String> closed = new ArrayList<>();
        List<Probe> probes = List.of(new FakeProbe("a", false, closed), new FakeProbe("b", true, closed),
                new FakeProbe("c", false, closed));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProbeSet.closeEach(probes));
        assertEquals(List.of("a", "b", "c"), closed, "the probes after the failing one are closed too");
        assertEquals("b failed to close", e.getMessage());
    }

    @Test
    void aFixtureSetClosesOnceAndItsCounterProbeReadsNothingAfterwards() {
        Path root = MachineFixtures.root(MachineFixtures.XEON);
        ProbeSet set;
        try (ProbeSet s = ProbeSet.open(MachineSnapshot.read(root))) {
            set = s;
            assertEquals(8, s.probes().size());
        }
        set.close(); // a second close does nothing and does not throw
        assertEquals(0, set.counters().openDescriptors());
        assertTrue(set.counters().read().isEmpty());
    }

    @Test
    void liveCpuWideCountersAreReleasedOnClose() {
        ProbeSet set = ProbeSet.open(Path.of("/"));
        PerfCounterProbe counters = set.counters();
        int open = counters.openDescriptors();
        try {
            Assumptions.assumeTrue(open > 0, "no CPU-wide counters here (perf_event_paranoid > 0 or no PMU): "
                    + counters.availability());
        } finally {
            set.close();
        }
        assertEquals(0, counters.openDescriptors(), "all " + open + " descriptors closed");
        assertTrue(counters.read().isEmpty());
    }
}
