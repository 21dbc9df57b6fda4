package org.assay.analysis.judging;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JUnit XML read back with the JDK's DOM parser; OCP TV lines validated against the specification's own schema. */
class ExportersTest {

    private final AcceptanceReport report = Acceptance.judge("run", RunMeasurements.of(Fixtures.run()), Fixtures.inventory(),
            Fixtures.profile("lab-box", Fixtures.BASE, Fixtures.BOX));

    @Test
    void junitXmlHasOneTestcasePerCheckAndAFailureWhereTheVerdictFailed() throws Exception {
        String xml = JunitXml.write(report);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) doc.getDocumentElement().getElementsByTagName("testsuite").item(0);
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(report.rules().size() + report.inventory().size(), cases.getLength());
        assertEquals(String.valueOf(cases.getLength()), suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Map<String, Element> byName = new HashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            byName.put(e.getAttribute("name"), e);
        }
        Element chase = byName.get("memory.latency.chase{threads=1,workingSetBytes=1024}");
        assertEquals("assay.accept.memory", chase.getAttribute("classname"));
        Element failure = (Element) chase.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("above max 2.2 ns"), failure.getAttribute("message"));
        Element inconclusive = byName.get("cpu.dgemm{n=512,threads=4}");
        assertTrue(((Element) inconclusive.getElementsByTagName("skipped").item(0)).getAttribute("message").startsWith("inconclusive"));
        assertEquals(0, byName.get("cpu.dgemm{n=512,threads=1}").getElementsByTagName("failure").getLength());
        assertEquals("assay.accept.inventory", byName.get("physical cores").getAttribute("classname"));
    }

    /** The ocp-diag-core output schema, every file mapped to its $id so the $refs resolve offline. */
    private static Schema ocpSchema() throws Exception {
        Map<String, String> byId = new HashMap<>();
        for (String f : List.of("root", "diagnosis", "dut_info", "error", "file", "log", "measurement",
                "measurement_series_element", "measurement_series_end", "measurement_series_start", "metadata",
                "source_location", "subcomponent", "test_run_artifact", "test_run_end", "test_run_start", "test_status",
                "test_step_artifact", "test_step_end", "test_step_start", "validator")) {
            try (InputStream in = ExportersTest.class.getResourceAsStream("/ocptv-schema/" + f + ".json")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                byId.put(Fixtures.JSON.readTree(text).get("$id").asText(), text);
            }
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(byId));
        return registry.getSchema(SchemaLocation.of("https://github.com/opencomputeproject/ocp-diag-core/output"));
    }

    @Test
    void ocptvLinesValidateAgainstTheSpecificationSchema() throws Exception {
        Schema schema = ocpSchema();
        List<String> lines = OcptvOutput.lines(report, new OcptvOutput.RunInfo("testhost", "Testium 4000", "Made Up", "0.1.0",
                "assay accept run --profile lab-box"), Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));
        for (String line : lines) {
            List<Error> errors = schema.validate(Fixtures.JSON.readTree(line));
            assertTrue(errors.isEmpty(), line + " -> " + errors);
        }
        JsonNode first = Fixtures.JSON.readTree(lines.get(0));
        assertEquals(2, first.path("schemaVersion").path("major").asInt());
        JsonNode start = Fixtures.JSON.readTree(lines.get(1)).path("testRunArtifact").path("testRunStart");
        assertEquals("testhost", start.path("dutInfo").path("dutInfoId").asText());
        JsonNode end = Fixtures.JSON.readTree(lines.get(lines.size() - 1)).path("testRunArtifact").path("testRunEnd");
        assertEquals("FAIL", end.path("result").asText());
        assertEquals("COMPLETE", end.path("status").asText());
        long steps = lines.stream().filter(l -> l.contains("\"testStepStart\"")).count();
        assertEquals(3, steps, "cpu, memory and inventory");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"diagnosis\"") && l.contains("\"type\":\"FAIL\"")
                && l.contains("memory.latency.chase")));
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i, Fixtures.JSON.readTree(lines.get(i)).path("sequenceNumber").asInt());
        }
    }

    @Test
    void theSchemaRefusesABrokenArtifact() throws Exception {
        // The schema is really applied: a run end with an unknown result must not validate.
        JsonNode bad = Fixtures.JSON.readTree("{\"testRunArtifact\":{\"testRunEnd\":{\"status\":\"COMPLETE\",\"result\":\"MAYBE\"}},"
                + "\"sequenceNumber\":0,\"timestamp\":\"2026-12-02T10:00:00Z\"}");
        assertTrue(!ocpSchema().validate(bad).isEmpty());
    }
}
