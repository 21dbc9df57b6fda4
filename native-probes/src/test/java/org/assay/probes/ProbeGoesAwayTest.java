package org.assay.probes;

import org.assay.probes.fixtures.MachineFixtures;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A probe whose sysfs files go away mid-run (intel_rapl or k10temp unloaded, a container's
 * bind mount gone): the iteration's reading is unknown (NaN), never a number made from one good
 * end and one missing end, and nothing throws. (An open /dev/cpu/N/msr cannot go away: the
 * module stays loaded while a descriptor is open, so the MSR-backed readings carry on.)
 */
class ProbeGoesAwayTest {

    @Test
    void intelEnergyIsUnknownForTheIterationInWhichPowercapVanished(@TempDir Path dir) throws IOException {
        Path root = MachineFixtures.copy(MachineFixtures.XEON, dir);
        IterationMeter meter = IterationMeter.open(root);
        meter.begin();
        IterationMeter.IterationReading before = meter.end();
        assertFalse(Double.isNaN(before.energyJoules()), "the fixture has powercap RAPL: " + before);

        meter.begin();
        IntelFixtureTest.deleteTree(root.resolve("sys/class/powercap"));
        IterationMeter.IterationReading after = assertDoesNotThrow(meter::end);
        assertTrue(Double.isNaN(after.energyJoules()), "energy with no end reading: " + after);
        assertTrue(Double.isNaN(after.averageWatts()), "and so no power: " + after);
        everyProbeReadsWithoutThrowingAndInventsNothing(meter, "rapl.");
    }

    @Test
    void amdTemperatureIsUnknownOnceK10tempVanished(@TempDir Path dir) throws IOException {
        Path root = MachineFixtures.copy(MachineFixtures.EPYC, dir);
        IterationMeter meter = IterationMeter.open(root);
        meter.begin();
        IterationMeter.IterationReading before = meter.end();
        assertFalse(Double.isNaN(before.maxCelsius()), "the fixture has k10temp: " + before);

        IntelFixtureTest.deleteTree(root.resolve("sys/class/hwmon"));
        IntelFixtureTest.deleteTree(root.resolve("sys/class/thermal"));
        meter.begin();
        IterationMeter.IterationReading after = assertDoesNotThrow(meter::end);
        assertTrue(Double.isNaN(after.maxCelsius()), "no sensor left, and AMD has no MSR readout: " + after);
        everyProbeReadsWithoutThrowingAndInventsNothing(meter, "thermal.");
    }

    private static void everyProbeReadsWithoutThrowingAndInventsNothing(IterationMeter meter, String gonePrefix) {
        for (Probe p : meter.probes().probes()) {
            List<Reading> rs = assertDoesNotThrow(p::read, p.id());
            for (Reading r : rs) {
                if (r.name().startsWith(gonePrefix)) {
                    assertTrue(Double.isNaN(r.value()), p.id() + " invented " + r);
                }
            }
        }
    }
}
