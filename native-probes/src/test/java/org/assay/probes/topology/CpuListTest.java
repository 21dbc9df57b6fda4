package org.assay.probes.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CpuListTest {

    @Test
    void parsesRangesAndSingles() {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), CpuList.parse("0-3,8,10-11"));
    }

    @Test
    void parseSortsDeduplicatesAndIgnoresTrailingNewline() {
        assertEquals(List.of(0, 1, 2, 5), CpuList.parse("5,0-2,1\n"));
        assertEquals(List.of(4), CpuList.parse(" 4 "));
    }

    @Test
    void emptyTextIsEmptyList() {
        assertEquals(List.of(), CpuList.parse(""));
        assertEquals(List.of(), CpuList.parse("\n"));
    }

    @Test
    void formatsRunsOfTwoOrMoreAsRangesLikeTheKernel() {
        assertEquals("0-3,8,10-11", CpuList.format(List.of(11, 10, 8, 3, 2, 1, 0)));
        assertEquals("0-1", CpuList.format(List.of(0, 1)));
        assertEquals("0,2,4", CpuList.format(List.of(4, 2, 0)));
        assertEquals("", CpuList.format(List.of()));
    }

    @Test
    void formatThenParseRoundTrips() {
        List<Integer> cpus = List.of(0, 1, 2, 7, 9, 10, 63);
        assertEquals(cpus, CpuList.parse(CpuList.format(cpus)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "3-1", "-1", "1-", "0,,2", "1.5", "0-3:2", "x-2", "+1"})
    void rejectsBadTokenNamingItAndTheExpectedForm(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuList.parse(bad));
        assertTrue(e.getMessage().startsWith("bad CPU list token \""), e.getMessage());
        assertTrue(e.getMessage().contains("expected N or N-M"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void badTokenMessageQuotesTheTokenAndTheWholeList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuList.parse("0-3,9-x"));
        assertEquals("bad CPU list token \"9-x\" in \"0-3,9-x\": expected N or N-M with N <= M, comma-separated, "
                + "e.g. 0-3,8,10-11", e.getMessage());
    }
}
