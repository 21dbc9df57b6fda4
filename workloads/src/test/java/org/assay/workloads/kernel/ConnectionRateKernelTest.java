package org.assay.workloads.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionRateKernelTest {

    @Test
    void everyTransactionIsANewConnectionAnsweredAndClosed() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AtomicBoolean done = new AtomicBoolean();
        try (ConnectionServer server = new ConnectionServer();
             ConnectionClient client = new ConnectionClient(server.address())) {
            assertTrue(server.address().getAddress().isLoopbackAddress());
            Future<?> serving = pool.submit(() -> {
                while (!done.get()) {
                    server.serve(done::get);
                }
                return null;
            });
            for (int i = 0; i < 300; i++) { // past 256: the one-byte answer wraps
                assertTrue(client.transact(() -> false));
            }
            done.set(true);
            serving.get(10, TimeUnit.SECONDS);
            assertEquals(300, client.transactions());
            assertEquals(300, server.served());
            assertDoesNotThrow(client::verify);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void neitherEndHangsWhenTheOtherHasStopped() throws Exception {
        try (ConnectionServer server = new ConnectionServer();
             ConnectionClient client = new ConnectionClient(server.address())) {
            long t0 = System.nanoTime();
            assertFalse(server.serve(() -> System.nanoTime() - t0 > 20_000_000L)); // nobody connects
            long t1 = System.nanoTime();
            // connected through the backlog, but nobody answers
            assertFalse(client.transact(() -> System.nanoTime() - t1 > 20_000_000L));
            assertTrue(server.serve(() -> false)); // the next iteration answers the waiting connection
            assertTrue(client.transact(() -> false)); // and the client finishes it
            assertEquals(1, client.transactions());
            assertDoesNotThrow(client::verify);
        }
    }
}
