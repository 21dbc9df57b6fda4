package org.assay.workloads.jmh;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark state that sets anything up is {@code Scope.Thread}: JMH runs such a state's
 * {@code @Setup} on the worker thread that uses it, after that worker pinned itself, so the
 * allocation and first write of its memory happen on the worker's CPU and node. A
 * {@code Scope.Benchmark} state would be set up by whichever thread comes first, and its pages
 * would land on that thread's node.
 */
class BenchStatesTest {

    /**
     * States two workers share by design, none holding memory under test: the connection of a
     * two-ended socket benchmark (a {@code Scope.Group} state, whose sockets both ends use; each
     * end's own buffers are allocated in its own thread state), and the storage test file (the
     * file's data is on the device, not in first-touched memory).
     */
    private static final java.util.Set<String> SHARED_ON_PURPOSE = java.util.Set.of(
            "TcpStreamBench$Stream", "TcpRequestResponseBench$Exchange", "UdpRequestResponseBench$Exchange",
            "TcpRequestResponseBench$Connections", "StorageBench$TestFile");

    @Test
    void everyStateWithASetUpIsSetUpByItsOwnWorker() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(NumaBench.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/assay/workloads/jmh");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = "org.assay.workloads.jmh." + f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(name);
                State state = c.getAnnotation(State.class);
                if (state == null || !hasSetUp(c)) {
                    continue;
                }
                checked++;
                if (state.value() != Scope.Thread && !SHARED_ON_PURPOSE.contains(c.getName().substring(c.getPackageName().length() + 1))) {
                    wrong.add(c.getSimpleName() + " is Scope." + state.value());
                }
            }
        }
        assertTrue(checked >= 10, "found only " + checked + " states with a set-up in " + dir);
        assertEquals(List.of(), wrong);
    }

    private static boolean hasSetUp(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Setup.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}
