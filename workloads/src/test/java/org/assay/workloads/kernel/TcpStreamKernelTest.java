package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpStreamKernelTest {

    @Test
    void aStampedMessagePassesAndEveryKindOfDamageIsNamed() {
        ByteBuffer m = StreamMessage.allocate(1024);
        StreamMessage.stamp(m, 7);
        assertNull(StreamMessage.check(m, 7));
        assertTrue(StreamMessage.check(m, 8).contains("expected sequence number 8 but got 7"));

        m.put(Long.BYTES + 3, (byte) (m.get(Long.BYTES + 3) ^ 1));
        assertTrue(StreamMessage.check(m, 7).contains("check word"), StreamMessage.check(m, 7));

        StreamMessage.stamp(m, 7);
        m.put(1023, (byte) (m.get(1023) ^ 0x40)); // a short or overwritten tail
        assertTrue(StreamMessage.check(m, 7).contains("closing word"), StreamMessage.check(m, 7));
    }

    @Test
    void theVerifierFailsOnAWrongBufferAndSaysWhichMessage() {
        StreamVerifier v = new StreamVerifier();
        ByteBuffer m = StreamMessage.allocate(4096);
        for (long seq = 0; seq < 3; seq++) {
            StreamMessage.stamp(m, seq);
            v.accept(m);
        }
        assertDoesNotThrow(v::verify);
        StreamMessage.stamp(m, 2); // message 2 again where 3 is due: a repeated buffer
        v.accept(m);
        StreamMessage.stamp(m, 4);
        v.accept(m);
        IllegalStateException e = assertThrows(IllegalStateException.class, v::verify);
        assertTrue(e.getMessage().contains("1 of 5 messages were wrong"), e.getMessage());
        assertTrue(e.getMessage().contains("expected sequence number 3 but got 2"), e.getMessage());
    }

    @Test
    void aZeroedBufferIsWrongToo() {
        StreamVerifier v = new StreamVerifier();
        v.accept(ByteBuffer.allocateDirect(1024));
        assertThrows(IllegalStateException.class, v::verify); // seq 0 matches, its check words cannot
    }

    @Test
    void refusesSizesOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> StreamMessage.allocate(StreamMessage.MIN_BYTES - 1));
        assertThrows(IllegalArgumentException.class, () -> StreamMessage.allocate(StreamMessage.MAX_BYTES + 1));
    }

    @Test
    void messagesCrossALoopbackConnectionWholeAndInOrder() throws Exception {
        int size = 64 << 10;
        int count = 400; // 25 MiB: far more than the socket buffers, so both ends wait on each other
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (LoopbackPair pair = LoopbackPair.open(false)) {
            assertTrue(pair.client().getRemoteAddress().toString().contains("127.0.0.1"));
            StreamSender sender = new StreamSender(new MessageChannel(pair.client()), size);
            StreamReceiver receiver = new StreamReceiver(new MessageChannel(pair.server()), size);
            Future<?> sending = pool.submit(() -> {
                for (int i = 0; i < count; i++) {
                    assertTrue(sender.send(() -> false));
                }
                return null;
            });
            for (int i = 0; i < count; i++) {
                assertTrue(receiver.receive(() -> false));
            }
            sending.get(30, TimeUnit.SECONDS);
            assertEquals(count, sender.messages());
            assertEquals(count, receiver.verifier().messages());
            assertDoesNotThrow(receiver.verifier()::verify);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStoppedReceiverGivesUpWithoutDataAndCarriesOnLater() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(false)) {
            StreamSender sender = new StreamSender(new MessageChannel(pair.client()), 1024);
            StreamReceiver receiver = new StreamReceiver(new MessageChannel(pair.server()), 1024);
            long t0 = System.nanoTime();
            assertFalse(receiver.receive(() -> System.nanoTime() - t0 > 20_000_000L)); // nothing sent: no hang
            assertTrue(sender.send(() -> false));
            assertTrue(receiver.receive(() -> false));
            assertDoesNotThrow(receiver.verifier()::verify);
        }
    }

    @Test
    void aSenderThatSkipsAMessageFailsTheReceiversCheck() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(false)) {
            MessageChannel out = new MessageChannel(pair.client());
            StreamReceiver receiver = new StreamReceiver(new MessageChannel(pair.server()), 1024);
            ByteBuffer m = StreamMessage.allocate(1024);
            for (long seq : new long[] {0, 2}) {
                StreamMessage.stamp(m, seq);
                m.clear();
                assertTrue(out.write(m, () -> false));
                assertTrue(receiver.receive(() -> false));
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, receiver.verifier()::verify);
            assertTrue(e.getMessage().contains("expected sequence number 1 but got 2"), e.getMessage());
        }
    }

    @Test
    void aPeerThatClosesMidMessageIsAnErrorNotAHang() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(false)) {
            StreamReceiver receiver = new StreamReceiver(new MessageChannel(pair.server()), 1024);
            ByteBuffer half = ByteBuffer.allocate(512);
            pair.client().write(half);
            pair.client().close();
            EOFException e = assertThrows(EOFException.class, () -> receiver.receive(() -> false));
            assertTrue(e.getMessage().contains("512 bytes"), e.getMessage());
        }
    }

    @Test
    void tcpInfoReadsTheRetransmitCountOrSaysWhyNot() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(false)) {
            long retrans = TcpInfo.totalRetransmits(pair.client());
            if (TcpInfo.unavailableReason() == null) {
                assertTrue(retrans >= 0, "a fresh loopback connection has a count, got " + retrans);
            } else {
                assertEquals(-1, retrans, TcpInfo.unavailableReason());
            }
        }
    }

    @Test
    void theRetransmitCountIsReadAtItsOffsetInNativeOrder() {
        byte[] info = new byte[TcpInfo.STRUCT_BYTES];
        ByteBuffer.wrap(info).order(java.nio.ByteOrder.nativeOrder()).putInt(TcpInfo.TOTAL_RETRANS_OFFSET, 0xFFFF_FFFE);
        assertEquals(0xFFFF_FFFEL, TcpInfo.totalRetransmits(info)); // unsigned, as the kernel's __u32
    }

    @Test
    void stopIsHonouredWhileTheSocketIsFull() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(false)) {
            StreamSender sender = new StreamSender(new MessageChannel(pair.client()), 1 << 20);
            long t0 = System.nanoTime();
            int sent = 0;
            // nobody reads: the socket buffers fill, and the sender must give up when told
            while (sender.send(() -> System.nanoTime() - t0 > 200_000_000L)) {
                sent++;
                assertTrue(sent < 10_000, "the socket never filled");
            }
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        }
    }
}
