package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatagramKernelTest {

    @Test
    void datagramsOfEverySizeAreEchoedAndChecked() throws Exception {
        for (int size : new int[] {1, 64, 1024, DatagramPair.MAX_PAYLOAD}) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            AtomicBoolean done = new AtomicBoolean();
            try (DatagramPair pair = DatagramPair.open();
                 DatagramClient client = new DatagramClient(pair.client(), size);
                 DatagramEchoServer server = new DatagramEchoServer(pair.server(), size)) {
                Future<?> serving = pool.submit(() -> {
                    while (!done.get()) {
                        server.serve(done::get);
                    }
                    return null;
                });
                for (int i = 0; i < 300; i++) {
                    client.roundTrip(System.nanoTime(), () -> false);
                }
                done.set(true);
                serving.get(10, TimeUnit.SECONDS);
                assertEquals(300, client.roundTrips() + client.lost(), "size " + size);
                assertTrue(client.roundTrips() > 0, "size " + size);
                assertDoesNotThrow(client::verify);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aLostRequestIsGivenUpAndItsLateAnswerNeverTimedAsTheNext() throws Exception {
        try (DatagramPair pair = DatagramPair.open();
             DatagramClient client = new DatagramClient(pair.client(), 8);
             DatagramEchoServer server = new DatagramEchoServer(pair.server(), 8)) {
            assertEquals(-1, client.roundTrip(System.nanoTime(), () -> false)); // nobody answers: lost after 200 ms
            assertEquals(1, client.lost());
            assertTrue(server.serve(() -> false)); // the late answer to request 0
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> serving = pool.submit(() -> server.serve(() -> false));
                assertTrue(client.roundTrip(System.nanoTime(), () -> false) > 0); // request 1, answered
                assertTrue(serving.get(10, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, client.late());
            assertEquals(1, client.roundTrips());
            assertDoesNotThrow(client::verify);
        }
    }

    @Test
    void anAnswerToNoRequestFailsTheCheck() throws Exception {
        try (DatagramPair pair = DatagramPair.open();
             DatagramClient client = new DatagramClient(pair.client(), 8)) {
            ByteBuffer forged = ByteBuffer.allocateDirect(8);
            forged.putLong(0, 77); // a number the client never sent
            pair.server().write(forged);
            ByteBuffer right = ByteBuffer.allocateDirect(8);
            right.putLong(0, 0);
            pair.server().write(right);
            assertTrue(client.roundTrip(System.nanoTime(), () -> false) > 0);
            IllegalStateException e = assertThrows(IllegalStateException.class, client::verify);
            assertTrue(e.getMessage().contains("expected it to carry 0 but it carried 77"), e.getMessage());
        }
    }

    @Test
    void refusesSizesAboveTheLargestPayload() {
        assertThrows(IllegalArgumentException.class, () -> new DatagramClient(null, DatagramPair.MAX_PAYLOAD + 1));
    }
}
