package org.assay.harness;

import com.sun.net.httpserver.HttpServer;
import org.assay.analysis.export.ExportFixtures;
import org.assay.analysis.openmetrics.OpenMetricsParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay export} end to end: to standard output, to a file, and each refusal on one line. */
class ExportCliTest {

    @TempDir
    Path tmp;

    private static void assertOneLine(CliCapture c, int status, String fragment) {
        assertEquals(status, c.exitCode(), c.out() + c.err());
        String[] lines = c.err().strip().split("\n");
        assertEquals(1, lines.length, "one line expected, got: " + c.err());
        assertTrue(lines[0].contains(fragment), lines[0]);
    }

    @Test
    void writesEachFormatToStandardOutputOrWholeToAFile() throws IOException {
        Path b = ExportFixtures.bundle(tmp.resolve("b"));
        CliCapture om = CliCapture.run("export", b.toString(), "--format", "openmetrics");
        assertEquals(0, om.exitCode(), om.err());
        OpenMetricsParser.Parsed p = OpenMetricsParser.parse(om.out());
        assertEquals(18.25e9, p.sample("assay_memory_bandwidth_triad_bytes_per_second",
                Map.of("threads", "2", "stat", "score")).value());

        Path file = tmp.resolve("out.lp");
        CliCapture influx = CliCapture.run("export", b.toString(), "--format", "INFLUX", "--output", file.toString());
        assertEquals(0, influx.exitCode(), influx.err());
        assertEquals("wrote " + file + " (influx, 5 result(s))", influx.out().strip());
        assertEquals(CliCapture.run("export", b.toString(), "--format", "influx").out(), Files.readString(file));
        assertTrue(Files.readString(file).startsWith("assay_memory,host=bench-01,"));

        CliCapture csv = CliCapture.run("export", b.toString(), "--format", "csv");
        assertTrue(csv.out().startsWith("host,instance_type,suite,category,"), csv.out());
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(x -> x.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws IOException {
        Path b = ExportFixtures.bundle(tmp.resolve("b"));
        Path file = tmp.resolve("x.prom");
        assertOneLine(CliCapture.run("export", b.toString(), "--format", "jmx", "--output", file.toString()), 2,
                "assay export: --format jmx: unknown format; one of openmetrics, influx, csv");
        assertOneLine(CliCapture.run("export", b.toString()), 2, "Missing required option: '--format=FORMAT'");
        assertOneLine(CliCapture.run("export", tmp.resolve("nope").toString(), "--format", "csv"), 2,
                "no such run directory: " + tmp.resolve("nope"));
        assertOneLine(CliCapture.run("export", b.toString(), "--format", "openmetrics", "--push", "ftp://gw/"), 2,
                "--push ftp://gw/: not an http:// or https:// URL");
        assertOneLine(CliCapture.run("export", b.toString(), "--format", "csv", "--push", "http://127.0.0.1:9/"), 2,
                "--format csv cannot be pushed");
        assertOneLine(CliCapture.run("export", b.toString(), "--format", "csv", "--output",
                tmp.resolve("no/dir/x.csv").toString()), 2, "--output " + tmp.resolve("no/dir/x.csv") + ": no such directory");
        Files.writeString(b.resolve("results.jsonl"), "\n", StandardOpenOption.APPEND);
        assertOneLine(CliCapture.run("export", b.toString(), "--format", "csv", "--output", file.toString()), 2,
                "fails verify");
        assertFalse(Files.exists(file), "nothing written");
    }

    @Test
    void aRefusingServerIsOneLineWithItsStatusAndAnswerAndExitOne() throws IOException {
        Path b = ExportFixtures.bundle(tmp.resolve("b"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] reply = "{\"error\":\"database not found: \\\"nope\\\"\"}\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(404, reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/write?db=nope";
            CliCapture c = CliCapture.run("export", b.toString(), "--format", "influx", "--push", url);
            assertOneLine(c, 1, "assay export: push to InfluxDB " + url + "&precision=ns refused: HTTP 404: "
                    + "{\"error\":\"database not found: \\\"nope\\\"\"}");
            assertEquals("", c.out(), "nothing claimed on standard output");
        } finally {
            server.stop(0);
        }
    }
}
