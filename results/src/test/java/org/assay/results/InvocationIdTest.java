package org.assay.results;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InvocationIdTest {

    @Test
    void parametersInMapOrderThenThreads() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n", 1536);
        params.put("thp", "huge");
        assertEquals("cpu.dgemm[n=1536,thp=huge,threads=2]", InvocationId.of("cpu.dgemm", params, 2));
    }

    @Test
    void noParametersGivesOnlyTheThreadCount() {
        assertEquals("memory.bandwidth.triad[threads=1]", InvocationId.of("memory.bandwidth.triad", Map.of(), 1));
    }
}
