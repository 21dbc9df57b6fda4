package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamTriadTest {

    @Test
    void passComputesTriadForEveryElement() {
        StreamTriad t = new StreamTriad(10_000);
        t.poison();
        t.pass();
        assertDoesNotThrow(t::verify);
    }

    @Test
    void verifyRejectsPoisonedArrayWhenNoPassRan() {
        StreamTriad t = new StreamTriad(1000);
        t.pass();
        t.poison();
        IllegalStateException e = assertThrows(IllegalStateException.class, t::verify);
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void triadVerifyRejectsCorruptedArray() {
        StreamTriad t = new StreamTriad(4096);
        t.pass();
        t.corrupt(4095);
        IllegalStateException e = assertThrows(IllegalStateException.class, t::verify);
        assertTrue(e.getMessage().contains("element 4095"), e.getMessage());
    }

    @Test
    void bytesPerPassCountsTwoReadsAndOneWriteAsStreamDoes() {
        assertEquals(24L * 1000, new StreamTriad(1000).bytesPerPass());
    }

    @Test
    void refusesNonPositiveLength() {
        assertThrows(IllegalArgumentException.class, () -> new StreamTriad(0));
    }
}
