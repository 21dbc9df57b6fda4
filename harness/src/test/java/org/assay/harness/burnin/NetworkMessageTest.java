package org.assay.harness.burnin;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A network message checks clean; an altered payload byte and a lost message are caught. */
class NetworkMessageTest {

    @Test
    void stampedMessagesCheckAndDiffer() {
        ByteBuffer a = NetworkStressor.message();
        NetworkStressor.stamp(a, 1);
        assertNull(NetworkStressor.check(a, 1));
        int crc1 = a.getInt(8);
        NetworkStressor.stamp(a, 2);
        assertNull(NetworkStressor.check(a, 2));
        assertTrue(crc1 != a.getInt(8), "each message has its own payload");
    }

    @Test
    void aFlippedPayloadBitFailsTheCrc() {
        ByteBuffer a = NetworkStressor.message();
        NetworkStressor.stamp(a, 7);
        a.put(NetworkStressor.HEADER + 100, (byte) (a.get(NetworkStressor.HEADER + 100) ^ 4));
        String[] p = NetworkStressor.check(a, 7);
        assertNotNull(p);
        assertTrue(p[0].contains("CRC32C"), p[0]);
    }

    @Test
    void aMissingMessageIsASequenceError() {
        ByteBuffer a = NetworkStressor.message();
        NetworkStressor.stamp(a, 9);
        assertArrayEquals(new String[] {"message 8 sequence number", "8", "9"}, NetworkStressor.check(a, 8));
    }
}
