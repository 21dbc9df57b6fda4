package org.assay.profiles;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shipped profile reads, validates and resolves, and its limits are the hand-computed ones. */
class ShippedProfilesTest {

    private static final ProfileLibrary SHIPPED = ProfileLibrary.shipped(MetricCatalog.anyName());

    private static double limit(String id, String limit) {
        return SHIPPED.resolve(id).limits().get(limit).orElseThrow(() -> new AssertionError(id + " has no " + limit))
                .value();
    }

    @Test
    void theIndexListsEveryShippedFile() throws IOException, URISyntaxException {
        Path dir = Path.of(ProfileLibrary.class.getResource(ProfileLibrary.SHIPPED_INDEX).toURI()).getParent();
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(dir)) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).collect(Collectors.toSet());
        }
        assertEquals(onDisk, Set.copyOf(ProfileLibrary.shippedNames()));
        assertTrue(onDisk.size() >= 6, onDisk.toString());
    }

    @Test
    void everyShippedProfileResolvesWithSourcesAndNoExpectedResults() {
        for (String id : SHIPPED.ids()) {
            Profile p = SHIPPED.resolve(id);
            assertFalse(p.sources().isEmpty(), id + " names no sources");
            assertNotNull(p.description(), id);
            assertNotNull(p.spec().cpu(), id);
            // Shipped profiles are spec-only: an expected result needs a measured machine.
            assertTrue(p.expected().isEmpty(), id);
            if (p.kind() == ProfileKind.INSTANCE_TYPE) {
                assertNotNull(p.extendsId(), id + " should extend its CPU's profile");
                assertEquals(ProfileKind.VENDOR_SPEC, SHIPPED.resolve(p.extendsId()).kind(), id);
                assertNotNull(p.spec().price(), id);
            }
        }
    }

    @Test
    void fileNamesAreIds() {
        List<String> names = ProfileLibrary.shippedNames();
        assertEquals(names.stream().map(n -> n.substring(0, n.length() - ".yaml".length())).toList(), SHIPPED.ids());
    }

    @Test
    void epyc9654() {
        // 1 x 96 x 2.4 GHz x (256/64 x 2 x 2 = 16) = 3686.4; 1 x 12 x 4800 x 8 B = 460.8 GB/s
        assertEquals(3686.4, limit("amd-epyc-9654", SpecLimits.FP64_PEAK));
        assertEquals(460.8, limit("amd-epyc-9654", SpecLimits.DRAM_BANDWIDTH));
        // 3.7 GHz x 16 = 59.2 per core
        assertEquals(59.2, limit("amd-epyc-9654", SpecLimits.FP64_PEAK_ONE_CORE));
        // the dual-socket server doubles both
        assertEquals(7372.8, limit("amd-epyc-9654-2p", SpecLimits.FP64_PEAK));
        assertEquals(921.6, limit("amd-epyc-9654-2p", SpecLimits.DRAM_BANDWIDTH));
        assertEquals(List.of("amd-epyc-9654-2p", "amd-epyc-9654"), SHIPPED.resolve("amd-epyc-9654-2p").lineage());
    }

    @Test
    void xeons() {
        // 8480+: 56 x 2.0 x (512/64 x 2 x 2 = 32) = 3584; 8 x 4800 x 8 = 307.2
        assertEquals(3584.0, limit("intel-xeon-platinum-8480plus", SpecLimits.FP64_PEAK));
        assertEquals(307.2, limit("intel-xeon-platinum-8480plus", SpecLimits.DRAM_BANDWIDTH));
        // 6248: 20 x 2.5 x 32 = 1600; 6 x 2933 x 8 = 140.784
        assertEquals(1600.0, limit("intel-xeon-gold-6248", SpecLimits.FP64_PEAK));
        assertEquals(140.784, limit("intel-xeon-gold-6248", SpecLimits.DRAM_BANDWIDTH));
    }

    @Test
    void instanceTypesTakeTheirCpuAndTheirOwnSize() {
        Profile m7i = SHIPPED.resolve("aws-m7i.2xlarge");
        assertEquals("Intel Xeon Platinum 8488C", m7i.spec().cpu().model());
        // 1 x 4 cores x 3.2 GHz all-core x 32 = 409.6; no base clock published, so no base peak
        assertEquals(409.6, limit("aws-m7i.2xlarge", SpecLimits.FP64_PEAK_ALL_CORE_BOOST));
        assertEquals("no base-ghz", m7i.limits().missing().get(SpecLimits.FP64_PEAK));
        assertEquals("no channels-per-socket", m7i.limits().missing().get(SpecLimits.DRAM_BANDWIDTH));
        // EBS up to 10000 Mbit/s / 8 = 1250 MB/s; network up to 12.5 Gbit/s
        assertEquals(1250.0, limit("aws-m7i.2xlarge", SpecLimits.STORAGE_BANDWIDTH));
        assertEquals(12.5, limit("aws-m7i.2xlarge", SpecLimits.NETWORK_BANDWIDTH));

        Profile c7a = SHIPPED.resolve("aws-c7a.2xlarge");
        assertEquals("Zen 4", c7a.spec().cpu().microarchitecture());
        assertEquals(1, c7a.spec().cpu().threadsPerCore());
        // only the maximum frequency is published: one core at 3.7 GHz x 16 = 59.2
        assertEquals(59.2, limit("aws-c7a.2xlarge", SpecLimits.FP64_PEAK_ONE_CORE));
        assertTrue(c7a.limits().get(SpecLimits.FP64_PEAK).isEmpty());
    }

    @Test
    void aStatedBandwidthAgreesWithTheDerivedOne() {
        for (String id : SHIPPED.ids()) {
            Profile p = SHIPPED.resolve(id);
            if (p.spec().memory() != null && p.spec().memory().bandwidthGbS() != null) {
                double derived = p.limits().get(SpecLimits.DRAM_BANDWIDTH).orElseThrow().value();
                assertEquals(p.spec().memory().bandwidthGbS(), derived, derived * 0.01, id);
            }
        }
    }
}
