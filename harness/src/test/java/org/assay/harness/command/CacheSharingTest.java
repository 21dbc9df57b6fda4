package org.assay.harness.command;

import org.assay.probes.inventory.Inventory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CacheSharingTest {

    /** 2 sockets x 96 cores x 2 threads, Linux numbering: CPU i and i + 192 are SMT siblings. */
    private static final Inventory.Cpu EPYC_2S = new Inventory.Cpu("AMD EPYC 9654 96-Core Processor", "AuthenticAMD",
            null, 25, 17, 1, 2, 192, 384, true, "0-383", List.of());

    @Test
    void chipletL3IsOnePerEightCoresWithOneExampleGroupInsteadOfTwentyFour() {
        List<String> groups = new ArrayList<>();
        for (int ccd = 0; ccd < 24; ccd++) {
            int first = ccd * 8;
            groups.add(first + "-" + (first + 7) + "," + (first + 192) + "-" + (first + 199));
        }
        assertEquals("one per 8 cores (16 CPUs), e.g. 0-7,192-199", CacheSharing.describe(groups, EPYC_2S));
    }

    @Test
    void privateCachesAreOnePerCoreAsSmtPairs() {
        List<String> groups = new ArrayList<>();
        for (int core = 0; core < 192; core++) {
            groups.add(core + "," + (core + 192));
        }
        assertEquals("one per core (SMT pairs), e.g. 0,192", CacheSharing.describe(groups, EPYC_2S));
    }

    @Test
    void socketWideCacheSaysSocket() {
        assertEquals("one per socket (192 CPUs), e.g. 0-95,192-287",
                CacheSharing.describe(List.of("0-95,192-287", "96-191,288-383"), EPYC_2S));
    }

    @Test
    void unequalGroupsSayTheRangeOfSizes() {
        // a hybrid client part: E-core clusters of 4 share an L2, each P-core has its own
        Inventory.Cpu hybrid = new Inventory.Cpu("x", "GenuineIntel", null, 6, 154, 3, 1, 12, 16, true, "0-15", List.of());
        assertEquals("shared by groups of 2 to 4 CPUs, e.g. 0-1",
                CacheSharing.describe(List.of("0-1", "2-3", "8-11", "12-15"), hybrid));
    }

    @Test
    void oneGroupOfEveryCpuIsNamedInFull() {
        Inventory.Cpu vm = new Inventory.Cpu("AMD EPYC", "AuthenticAMD", null, 25, 1, 1, 1, 2, 2, false, "0-1", List.of());
        assertEquals("shared by all 2 CPUs: 0-1", CacheSharing.describe(List.of("0-1"), vm));
        assertEquals("one per CPU, e.g. 0", CacheSharing.describe(List.of("0", "1"), vm));
    }
}
