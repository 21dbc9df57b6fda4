package org.assay.harness.privilege;

import org.assay.workloads.kernel.ConnectionServer;
import org.assay.workloads.kernel.DatagramPair;
import org.assay.workloads.kernel.LoopbackPair;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing Assay starts listens beyond loopback unless the user names an address: every socket
 * any module binds or listens on is checked in the sources (each bind names the loopback address,
 * a server socket is never bound by its constructor to the wildcard), and the sockets the network
 * workloads open are checked live.
 */
class LoopbackOnlyTest {

    private static final Path REPO = Path.of("..");
    /** A call that makes a socket reachable: bind, a listening constructor, an HTTP server. */
    private static final Pattern LISTENS = Pattern.compile(
            "\\.bind\\s*\\(|new\\s+ServerSocket\\s*\\(\\s*[^)\\s]|new\\s+DatagramSocket\\s*\\(\\s*[^)\\s]"
                    + "|HttpServer\\s*\\.\\s*create|\\bAsynchronousServerSocketChannel\\b");
    /** A file that can open a socket imports one of these packages. */
    private static final Pattern SOCKETS = Pattern.compile("import\\s+(java\\.net|java\\.nio\\.channels|com\\.sun\\.net\\.httpserver)\\.");
    /** The address a reviewed bind may name: the loopback address, directly or as a local variable holding it. */
    private static final Pattern LOOPBACK = Pattern.compile("InetAddress\\.getLoopbackAddress\\(\\)");

    static List<String> violations(String file, String source) {
        List<String> found = new ArrayList<>();
        List<String> loopbackVariables = new ArrayList<>();
        Matcher var = Pattern.compile("(\\w+)\\s*=\\s*InetAddress\\.getLoopbackAddress\\(\\)").matcher(source);
        while (var.find()) {
            loopbackVariables.add(var.group(1));
        }
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("*") || line.strip().startsWith("//") || !LISTENS.matcher(line).find()) {
                continue;
            }
            boolean loopback = LOOPBACK.matcher(line).find()
                    || loopbackVariables.stream().anyMatch(v -> Pattern.compile("\\(\\s*" + v + "\\s*,").matcher(line).find());
            if (!loopback) {
                found.add(file + ":" + (i + 1) + ": " + line.strip());
            }
        }
        return found;
    }

    @Test
    void everyBindInEveryModuleNamesTheLoopbackAddress() throws IOException {
        List<Path> sources = new ArrayList<>();
        int binds = 0;
        for (String module : List.of("results", "native-probes", "workloads", "profiles", "analysis", "harness")) {
            try (Stream<Path> walk = Files.walk(REPO.resolve(module).resolve("src/main/java"))) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        List<String> violations = new ArrayList<>();
        for (Path p : sources) {
            String text = Files.readString(p);
            if (!SOCKETS.matcher(text).find()) {
                continue;   // a bind(...) in a file without sockets binds something else (ProfileBinder.bind)
            }
            binds += (int) LISTENS.matcher(text).results().count();
            violations.addAll(violations(REPO.relativize(p).toString(), text));
        }
        // Servers that bind the address the user named, 127.0.0.1 unless told (MetricsOptions'
        // default, tested by MetricsServerTest): the bind itself takes a variable on purpose.
        violations.removeIf(v -> v.startsWith("harness/src/main/java/org/assay/harness/live/MetricsServer.java:"));
        assertEquals(List.of(), violations, "a socket that may listen beyond loopback");
        assertTrue(binds >= 4, "the scan found the workloads' own binds (" + binds + ")");
    }

    @Test
    void theScanCatchesAWildcardBind() {
        assertFalse(violations("X.java", "s.bind(new InetSocketAddress(0));").isEmpty());
        assertFalse(violations("X.java", "s.bind(new InetSocketAddress(\"0.0.0.0\", 8080));").isEmpty());
        assertFalse(violations("X.java", "ServerSocket s = new ServerSocket(8080);").isEmpty());
        assertFalse(violations("X.java", "HttpServer.create(new InetSocketAddress(9090), 0);").isEmpty());
        assertFalse(violations("X.java", "InetAddress any = InetAddress.getByName(\"::\");\nch.bind(new InetSocketAddress(any, 0));")
                .isEmpty());
        assertEquals(List.of(), violations("X.java",
                "InetAddress lo = InetAddress.getLoopbackAddress();\nch.bind(new InetSocketAddress(lo, 0));"));
    }

    @Test
    void theNetworkWorkloadsSocketsAreOnLoopback() throws IOException {
        try (ConnectionServer server = new ConnectionServer()) {
            assertTrue(server.address().getAddress().isLoopbackAddress(), server.address().toString());
        }
        try (LoopbackPair pair = LoopbackPair.open(true)) {
            assertTrue(((InetSocketAddress) pair.server().getLocalAddress()).getAddress().isLoopbackAddress());
        }
        try (DatagramPair pair = DatagramPair.open()) {
            assertTrue(((InetSocketAddress) pair.server().getLocalAddress()).getAddress().isLoopbackAddress());
        }
    }
}
