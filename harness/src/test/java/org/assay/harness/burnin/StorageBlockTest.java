package org.assay.harness.burnin;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A storage block checks clean, and a flipped bit, a misdirected block and a stale one are each caught and located. */
class StorageBlockTest {

    private static final int LEN = 64 * 1024;

    private static ByteBuffer block(long seed, long offset, long gen) {
        ByteBuffer b = ByteBuffer.allocateDirect(LEN);
        StorageBlock.stamp(b, seed, offset, gen);
        return b;
    }

    @Test
    void aBlockChecksAgainstItsOwnOffsetAndGeneration() {
        assertNull(StorageBlock.check(block(3, 5 * LEN, 2), 3, 5 * LEN, 2));
    }

    @Test
    void aFlippedPayloadBitIsFoundAtItsByte() {
        ByteBuffer b = block(3, 5L * LEN, 2);
        b.put(1000, (byte) (b.get(1000) ^ 0x08));
        StorageBlock.Problem p = StorageBlock.check(b, 3, 5L * LEN, 2);
        assertNotNull(p);
        assertTrue(p.location().startsWith("offset " + (5L * LEN + 1000 / 8 * 8)), p.location());
        assertTrue(!p.expected().equals(p.actual()));
    }

    @Test
    void aBlockFromAnotherOffsetIsMisdirected() {
        StorageBlock.Problem p = StorageBlock.check(block(3, 6L * LEN, 2), 3, 5L * LEN, 2);
        assertNotNull(p);
        assertTrue(p.actual().contains("misdirected"), p.actual());
    }

    @Test
    void anOlderGenerationIsALostWrite() {
        StorageBlock.Problem p = StorageBlock.check(block(3, 5L * LEN, 1), 3, 5L * LEN, 2);
        assertNotNull(p);
        assertEquals("generation 2", p.expected());
        assertTrue(p.actual().contains("stale"), p.actual());
    }
}
