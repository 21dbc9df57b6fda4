package org.assay.workloads.kernel;

import org.assay.workloads.kernel.StreamKernel.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamKernelTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void passThenVerifySucceeds(Kind kind) {
        StreamKernel k = new StreamKernel(kind, 10_000);
        k.poison();
        k.pass();
        k.verify();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void poisonWithoutPassFailsVerification(Kind kind) {
        StreamKernel k = new StreamKernel(kind, 1000);
        k.poison();
        IllegalStateException e = assertThrows(IllegalStateException.class, k::verify);
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void corruptedResultFailsVerification(Kind kind) {
        StreamKernel k = new StreamKernel(kind, 1000);
        k.pass();
        k.corrupt(777);
        assertThrows(IllegalStateException.class, k::verify);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void bytesAreCountedAsStreamCountsThem(Kind kind) {
        int expected = switch (kind) {
            case COPY, SCALE -> 16;
            case ADD -> 24;
            case READ, WRITE -> 8;
        };
        assertEquals(expected * 100L, new StreamKernel(kind, 100).bytesPerPass());
    }
}
