package org.assay.profiles;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each limit against a value worked out by hand. */
class SpecLimitsTest {

    private static VendorSpec.Cpu cpu(Integer sockets, Integer cores, Double base, Double allCore, Double max,
                                      Double perCycle, Integer bits, Integer fma) {
        return new VendorSpec.Cpu("V", "M", "U", sockets, cores, 2, base, allCore, max, perCycle, bits, fma, null);
    }

    @Test
    void fp64PeakFromVectorWidthAndFmaUnits() {
        // 2 sockets x 96 cores x 2.4 GHz x (256/64 lanes x 2 for an FMA x 2 units = 16) = 7372.8 GFLOP/s
        SpecLimits limits = SpecLimits.of(new VendorSpec(cpu(2, 96, 2.4, 3.55, 3.7, null, 256, 2), null, null, null, null));
        SpecLimit peak = limits.get(SpecLimits.FP64_PEAK).orElseThrow();
        assertEquals(7372.8, peak.value());
        assertEquals("GFLOP/s", peak.unit());
        assertEquals("2 x 96 x 2.4 GHz x (256/64 x 2 x 2)", peak.formula());
        // all-core boost: 2 x 96 x 3.55 x 16 = 10905.6; one core at 3.7 GHz: 3.7 x 16 = 59.2
        assertEquals(10905.6, limits.get(SpecLimits.FP64_PEAK_ALL_CORE_BOOST).orElseThrow().value());
        assertEquals(59.2, limits.get(SpecLimits.FP64_PEAK_ONE_CORE).orElseThrow().value());
    }

    @Test
    void aStatedFlopPerCycleWins() {
        // 1 x 56 x 2.0 x 32 = 3584
        SpecLimits limits = SpecLimits.of(new VendorSpec(cpu(1, 56, 2.0, null, null, 32.0, 128, 1), null, null, null, null));
        assertEquals(3584.0, limits.get(SpecLimits.FP64_PEAK).orElseThrow().value());
        assertEquals("1 x 56 x 2 GHz x 32", limits.get(SpecLimits.FP64_PEAK).orElseThrow().formula());
        assertEquals("no all-core-boost-ghz", limits.missing().get(SpecLimits.FP64_PEAK_ALL_CORE_BOOST));
        assertEquals("no max-boost-ghz", limits.missing().get(SpecLimits.FP64_PEAK_ONE_CORE));
    }

    @Test
    void dramBandwidthIsSocketsChannelsTransferRateAndEightBytes() {
        // 2 x 12 x 4800 MT/s x 8 B = 921.6 GB/s; DDR4-2933 x 6 = 140.784 GB/s
        VendorSpec genoa = new VendorSpec(cpu(2, 96, 2.4, null, null, null, null, null),
                new VendorSpec.Memory(768.0, "DDR5", 12, 4800, null), null, null, null);
        SpecLimit dram = SpecLimits.of(genoa).get(SpecLimits.DRAM_BANDWIDTH).orElseThrow();
        assertEquals(921.6, dram.value());
        assertEquals("2 x 12 x 4800 MT/s x 8 B", dram.formula());
        VendorSpec cascade = new VendorSpec(cpu(1, 20, 2.5, null, null, null, 512, 2),
                new VendorSpec.Memory(null, "DDR4", 6, 2933, null), null, null, null);
        assertEquals(140.784, SpecLimits.of(cascade).get(SpecLimits.DRAM_BANDWIDTH).orElseThrow().value());
    }

    @Test
    void storageAndNetworkLineRates() {
        VendorSpec vm = new VendorSpec(null, null, new VendorSpec.Storage("EBS", 10000.0, null, null, null),
                new VendorSpec.Network("ENA", 12.5, 3.125), null);
        SpecLimits limits = SpecLimits.of(vm);
        // 10000 Mbit/s / 8 = 1250 MB/s
        assertEquals(1250.0, limits.get(SpecLimits.STORAGE_BANDWIDTH).orElseThrow().value());
        assertEquals("10000 Mbit/s / 8", limits.get(SpecLimits.STORAGE_BANDWIDTH).orElseThrow().formula());
        assertEquals(12.5, limits.get(SpecLimits.NETWORK_BANDWIDTH).orElseThrow().value());
        assertEquals(3.125, limits.get(SpecLimits.NETWORK_BASELINE).orElseThrow().value());
        assertEquals("no spec.cpu", limits.missing().get(SpecLimits.FP64_PEAK));
        assertEquals("no spec.memory", limits.missing().get(SpecLimits.DRAM_BANDWIDTH));
    }

    @Test
    void aStatedReadRateIsTheStorageLimitWhenNoLinkIsRated() {
        VendorSpec nvme = new VendorSpec(null, null, new VendorSpec.Storage("NVMe", null, 7000.0, 5000.0, null), null, null);
        assertEquals(7000.0, SpecLimits.of(nvme).get(SpecLimits.STORAGE_BANDWIDTH).orElseThrow().value());
    }

    @Test
    void aMissingInputIsNamedNotGuessed() {
        SpecLimits limits = SpecLimits.of(new VendorSpec(cpu(1, null, 2.0, null, 3.0, null, 256, null), null, null, null, null));
        assertTrue(limits.get(SpecLimits.FP64_PEAK).isEmpty());
        assertEquals("no cores-per-socket", limits.missing().get(SpecLimits.FP64_PEAK));
        assertEquals("no fp64-flops-per-cycle (nor vector-bits and fma-units)", limits.missing().get(SpecLimits.FP64_PEAK_ONE_CORE));
        assertTrue(SpecLimits.of(null).all().isEmpty());
    }

    @Test
    void aMeasurementIsDescribedAsAShareOfTheLimit() {
        SpecLimit peak = SpecLimits.of(new VendorSpec(cpu(1, 4, 2.4, null, null, 16.0, null, null), null, null, null, null))
                .get(SpecLimits.FP64_PEAK).orElseThrow();
        // 1 x 4 x 2.4 x 16 = 153.6; 88 / 153.6 = 57.3%
        assertEquals(0.5729, peak.share(88), 1e-4);
        assertEquals("88 GFLOP/s = 57% of fp64-peak 153.6 GFLOP/s (1 x 4 x 2.4 GHz x 16)", peak.describe(88));
    }

    @Test
    void boundsResolveAgainstLimitsAndExpected() {
        SpecLimits limits = SpecLimits.of(new VendorSpec(cpu(1, 4, 2.4, null, null, 16.0, null, null), null, null, null, null));
        ExpectedResult expected = new ExpectedResult(MetricKey.of("cpu.dgemm"), 120, "GFLOP/s", 2.0, 5);
        assertEquals(76.8, Bound.shareOfLimit(SpecLimits.FP64_PEAK, 0.5).resolve(limits, java.util.Optional.empty()).orElseThrow(), 1e-9);
        assertEquals(108.0, Bound.shareOfExpected(0.9).resolve(limits, java.util.Optional.of(expected)).orElseThrow(), 1e-9);
        assertTrue(Bound.shareOfExpected(0.9).resolve(limits, java.util.Optional.empty()).isEmpty());
        assertTrue(Bound.shareOfLimit(SpecLimits.DRAM_BANDWIDTH, 0.5).resolve(limits, java.util.Optional.empty()).isEmpty());
        assertEquals(40.0, Bound.absolute(40, "GFLOP/s").resolve(limits, java.util.Optional.empty()).orElseThrow());
    }
}
