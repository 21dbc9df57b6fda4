package org.assay.analysis.judging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An acceptance report as OCP Test and Validation output (ocp-diag-core specification 2.0):
 * JSON lines, each an output artifact with a sequence number and timestamp. The run: the schema
 * version, {@code testRunStart} with the DUT (host, CPU model, Assay), one test step per category
 * (cpu, memory, storage, network, then inventory) with a {@code measurement} per rule, carrying
 * the rule's bounds as validators and the interval and verdict as metadata, and a
 * {@code diagnosis} per verdict (PASS, FAIL, or UNKNOWN for inconclusive and not checked), then
 * {@code testRunEnd}: status COMPLETE and result PASS or FAIL, NOT_APPLICABLE when nothing failed
 * but something was undecided.
 */
public final class OcptvOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the DUT and the test run are, for {@code testRunStart}. */
    public record RunInfo(String host, String cpuModel, String cpuVendor, String assayVersion, String commandLine) {
    }

    private final Clock clock;
    /** The line {@link #stepArtifact} started, emitted once its artifact is filled in. */
    private ObjectNode pending;
    private final List<String> lines = new ArrayList<>();
    private int sequence;

    private OcptvOutput(Clock clock) {
        this.clock = clock;
    }

    public static List<String> lines(AcceptanceReport report, RunInfo info, Clock clock) {
        return lines(report, info, clock, "assay accept");
    }

    /** As {@link #lines(AcceptanceReport, RunInfo, Clock)}, the test run named {@code testName} (e.g. "assay burn-in"). */
    public static List<String> lines(AcceptanceReport report, RunInfo info, Clock clock, String testName) {
        OcptvOutput o = new OcptvOutput(clock);
        o.build(report, info, testName);
        return List.copyOf(o.lines);
    }

    private void build(AcceptanceReport report, RunInfo info, String testName) {
        ObjectNode version = JSON.createObjectNode();
        version.putObject("schemaVersion").put("major", 2).put("minor", 0);
        emit(version);

        ObjectNode start = JSON.createObjectNode();
        ObjectNode runStart = start.putObject("testRunArtifact").putObject("testRunStart");
        runStart.put("name", testName);
        runStart.put("version", orUnknown(info.assayVersion()));
        runStart.put("commandLine", orUnknown(info.commandLine()));
        runStart.putObject("parameters").put("profile", report.profileId()).put("run", report.run());
        ObjectNode dut = runStart.putObject("dutInfo");
        String host = orUnknown(info.host());
        dut.put("dutInfoId", host);
        dut.put("name", host);
        ArrayNode hardware = dut.putArray("hardwareInfos");
        ObjectNode cpu = hardware.addObject().put("hardwareInfoId", "cpu").put("name", orUnknown(info.cpuModel()));
        if (info.cpuVendor() != null) {
            cpu.put("manufacturer", info.cpuVendor());
        }
        dut.putArray("softwareInfos").addObject().put("softwareInfoId", "assay").put("name", "assay")
                .put("version", orUnknown(info.assayVersion())).put("softwareType", "APPLICATION");
        emit(start);

        Map<String, List<RuleVerdict>> byCategory = new LinkedHashMap<>();
        for (String c : List.of("cpu", "memory", "storage", "network")) {
            byCategory.put(c, new ArrayList<>());
        }
        report.rules().forEach(r -> byCategory.computeIfAbsent(r.category(), c -> new ArrayList<>()).add(r));
        int step = 0;
        for (Map.Entry<String, List<RuleVerdict>> c : byCategory.entrySet()) {
            if (c.getValue().isEmpty()) {
                continue;
            }
            String id = "step" + step++;
            stepStart(id, c.getKey());
            for (RuleVerdict r : c.getValue()) {
                if (r.measured() != null) {
                    ObjectNode m = stepArtifact(id).putObject("measurement");
                    m.put("name", r.key().toString());
                    m.put("value", r.measured().value());
                    m.put("unit", r.measured().unit());
                    ArrayNode validators = m.putArray("validators");
                    if (r.threshold() != null) {
                        validators.addObject().put("name", r.rule())
                                .put("type", "min".equals(r.bound()) ? "GREATER_THAN_OR_EQUAL" : "LESS_THAN_OR_EQUAL")
                                .put("value", r.threshold());
                    }
                    ObjectNode meta = m.putObject("metadata");
                    meta.put("verdict", r.verdict().toString());
                    meta.putArray("interval99.9").add(r.measured().interval().get(0)).add(r.measured().interval().get(1));
                    if (r.margin() != null) {
                        meta.put("margin", r.margin());
                    }
                    emit(pending);
                }
                diagnosis(id, r.key() + ": " + r.verdict(), r.verdict(), r.message());
            }
            stepEnd(id);
        }
        if (!report.inventory().isEmpty()) {
            String id = "step" + step;
            stepStart(id, "inventory");
            for (InventoryCheck c : report.inventory()) {
                if (c.measured() != null) {
                    ObjectNode m = stepArtifact(id).putObject("measurement");
                    m.put("name", c.name());
                    m.put("value", c.measured());
                    m.putArray("validators").addObject().put("name", "the spec").put("type", "EQUAL").put("value", c.expected());
                    emit(pending);
                }
                diagnosis(id, c.name() + ": " + c.verdict(), c.verdict(), c.message());
            }
            stepEnd(id);
        }

        ObjectNode end = JSON.createObjectNode();
        ObjectNode runEnd = end.putObject("testRunArtifact").putObject("testRunEnd");
        runEnd.put("status", "COMPLETE");
        runEnd.put("result", switch (report.verdict()) {
            case FAIL -> "FAIL";
            case PASS -> "PASS";
            default -> "NOT_APPLICABLE";
        });
        emit(end);
    }

    private ObjectNode stepArtifact(String stepId) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode artifact = line.putObject("testStepArtifact");
        artifact.put("testStepId", stepId);
        pending = line;
        return artifact;
    }

    private void stepStart(String id, String name) {
        stepArtifact(id).putObject("testStepStart").put("name", name);
        emit(pending);
    }

    private void stepEnd(String id) {
        stepArtifact(id).putObject("testStepEnd").put("status", "COMPLETE");
        emit(pending);
    }

    private void diagnosis(String id, String verdict, Verdict v, String message) {
        stepArtifact(id).putObject("diagnosis").put("verdict", verdict)
                .put("type", v == Verdict.PASS ? "PASS" : v == Verdict.FAIL ? "FAIL" : "UNKNOWN").put("message", message);
        emit(pending);
    }

    private void emit(ObjectNode artifact) {
        ObjectNode line = JSON.createObjectNode();
        artifact.fields().forEachRemaining(e -> line.set(e.getKey(), e.getValue()));
        line.put("sequenceNumber", sequence++);
        line.put("timestamp", clock.instant().toString());
        lines.add(line.toString());
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
