package org.assay.profiles;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NearestNameTest {

    private static final List<String> KNOWN = List.of("cpu.dgemm", "cpu.fma.peak", "memory.stream.triad",
            "memory.stream.copy", "memory.latency.chase");

    @Test
    void distanceCountsEdits() {
        assertEquals(0, NearestName.distance("abc", "abc"));
        assertEquals(1, NearestName.distance("cpu.dgem", "cpu.dgemm"));
        assertEquals(2, NearestName.distance("memory.stream.tirad", "memory.stream.triad"));
        assertEquals(3, NearestName.distance("kitten", "sitting"));
        assertEquals(3, NearestName.distance("", "abc"));
    }

    @Test
    void theNearestKnownNameIsSuggested() {
        assertEquals(Optional.of("cpu.dgemm"), NearestName.suggest("cpu.dgem", KNOWN));
        assertEquals(Optional.of("memory.stream.triad"), NearestName.suggest("memory.stream.tirad", KNOWN));
        assertEquals(Optional.of("memory.stream.copy"), NearestName.suggest("memory.stream.cpy", KNOWN));
    }

    @Test
    void aNameLikeNothingKnownGetsNoSuggestion() {
        assertEquals(Optional.empty(), NearestName.suggest("gpu.tensor", KNOWN));
        assertEquals(Optional.empty(), NearestName.suggest("x", List.of()));
    }
}
