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

class RequestResponseKernelTest {

    @Test
    void roundTripsOfEverySizeAreEchoedAndTimed() throws Exception {
        for (int size : new int[] {1, 64, 1024, 100_000}) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            AtomicBoolean done = new AtomicBoolean();
            try (LoopbackPair pair = LoopbackPair.open(true)) {
                RequestClient client = new RequestClient(new MessageChannel(pair.client()), size);
                EchoServer server = new EchoServer(new MessageChannel(pair.server()), size);
                Future<?> serving = pool.submit(() -> {
                    while (!done.get()) {
                        server.serve(done::get);
                    }
                    return null;
                });
                for (int i = 0; i < 300; i++) { // more than 256: the one-byte sequence wraps
                    long t = System.nanoTime();
                    long rtt = client.roundTrip(t, () -> false);
                    assertTrue(rtt > 0, "size " + size + ": round trip " + rtt);
                }
                done.set(true);
                serving.get(10, TimeUnit.SECONDS);
                assertEquals(300, client.roundTrips());
                assertEquals(300, server.served());
                assertDoesNotThrow(client::verify);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aResponseThatAnswersAnotherRequestFailsTheCheck() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(true)) {
            RequestClient client = new RequestClient(new MessageChannel(pair.client()), 64);
            MessageChannel server = new MessageChannel(pair.server());
            ByteBuffer wrong = ByteBuffer.allocateDirect(64);
            wrong.putLong(0, 41);
            assertTrue(server.write(wrong, () -> false)); // a response to request 41, sent before request 0
            long rtt = client.roundTrip(System.nanoTime(), () -> false);
            assertTrue(rtt > 0);
            IllegalStateException e = assertThrows(IllegalStateException.class, client::verify);
            assertTrue(e.getMessage().contains("expected it to carry 0 but it carried 41"), e.getMessage());
        }
    }

    @Test
    void aRoundTripCutShortIsFinishedUntimedBeforeTheNext() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(true)) {
            RequestClient client = new RequestClient(new MessageChannel(pair.client()), 8);
            EchoServer server = new EchoServer(new MessageChannel(pair.server()), 8);
            long t0 = System.nanoTime();
            assertEquals(-1, client.roundTrip(t0, () -> System.nanoTime() - t0 > 10_000_000L)); // no server yet
            assertTrue(server.serve(() -> false)); // answers request 0 late
            // the next call first takes the late answer to request 0, then times request 1
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> serving = pool.submit(() -> server.serve(() -> false));
                assertTrue(client.roundTrip(System.nanoTime(), () -> false) > 0);
                assertTrue(serving.get(10, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
            assertEquals(2, client.roundTrips());
            assertDoesNotThrow(client::verify);
        }
    }

    @Test
    void theOpenLoopScheduleKeepsItsOwnClockWhateverTheClientDoes() {
        OpenLoopSchedule s = new OpenLoopSchedule(1000); // one request per ms
        s.restart();
        long first = s.awaitNext();
        assertEquals(first + 5_000_000L, s.dueTime(5));
        // a client held up 20 ms does not move the schedule: the due times stay where they were
        long held = System.nanoTime() + 20_000_000L;
        while (System.nanoTime() < held) {
            Thread.onSpinWait();
        }
        long second = s.awaitNext();
        assertEquals(first + 1_000_000L, second);
        assertTrue(System.nanoTime() - second >= 19_000_000L, "late requests are timed from their due time");
    }

    @Test
    void theScheduleWaitsForADueTimeInTheFuture() {
        OpenLoopSchedule s = new OpenLoopSchedule(100); // 10 ms apart
        s.restart();
        s.awaitNext();
        long due = s.awaitNext();
        assertTrue(System.nanoTime() >= due);
    }

    @Test
    void refusesRatesThatAreNotAboveZeroAndSizesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(-5));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RequestClient(null, 0));
    }
}
