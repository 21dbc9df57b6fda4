package org.assay.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads one profile file and refuses it, with every problem located, unless it is well-formed
 * YAML ({@link SafeYaml}), conforms to the schema ({@link ProfileSchema}) and names only known
 * metrics ({@link MetricCatalog}, with the nearest known name as a hint). Inheritance is not
 * resolved here: a file is checked as written, so its problems point into it.
 */
final class ProfileReader {

    /** Larger files are refused before parsing; a profile is a few KiB. */
    static final long MAX_FILE_BYTES = SafeYaml.MAX_CODE_POINTS * 4L;

    private final MetricCatalog catalog;

    ProfileReader(MetricCatalog catalog) {
        this.catalog = catalog;
    }

    ProfileFile readFile(Path file) {
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ProfileException(new ProfileProblem(source, 0, 0,
                        "file is " + size / 1024 + " KiB; a profile is at most " + SafeYaml.MAX_CODE_POINTS / 1024 + " KiB"));
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return read(source, text);
        } catch (NoSuchFileException e) {
            throw new ProfileException(new ProfileProblem(source, 0, 0, "no such file"));
        } catch (CharacterCodingException e) {
            throw new ProfileException(new ProfileProblem(source, 0, 0, "not UTF-8 text"));
        } catch (IOException e) {
            throw new ProfileException(new ProfileProblem(source, 0, 0, "cannot read: " + e.getMessage()));
        }
    }

    ProfileFile read(String source, String text) {
        YamlDocument doc = SafeYaml.read(source, text);
        if (!(doc.root() instanceof ObjectNode root)) {
            throw new ProfileException(doc.problemAt("", "a profile is a YAML mapping (id: ..., kind: ...), not a "
                    + (doc.root().isArray() ? "list" : doc.root().isNull() ? "null" : "single value")));
        }
        List<ProfileProblem> problems = new ArrayList<>(ProfileSchema.check(doc, withoutNulls(root)));
        if (problems.isEmpty()) {
            problems.addAll(checkMetrics(doc, root));
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        JsonNode parent = root.get("extends");
        return new ProfileFile(root.get("id").asText(), parent == null || parent.isNull() ? null : parent.asText(),
                root, doc);
    }

    private List<ProfileProblem> checkMetrics(YamlDocument doc, ObjectNode root) {
        List<ProfileProblem> problems = new ArrayList<>();
        if (!catalog.checks()) {
            return problems;
        }
        checkMetrics(doc, root.get("expected"), "/expected", problems);
        JsonNode acceptance = root.get("acceptance");
        if (acceptance != null) {
            checkMetrics(doc, acceptance.get("rules"), "/acceptance/rules", problems);
        }
        return problems;
    }

    private void checkMetrics(YamlDocument doc, JsonNode list, String pointer, List<ProfileProblem> problems) {
        if (!(list instanceof ArrayNode array)) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            String metric = entry.path("metric").asText();
            String at = pointer + "/" + i;
            if (!catalog.isKnown(metric)) {
                problems.add(doc.problemAt(at + "/metric", "unknown metric '" + metric + "'"
                        + NearestName.hint(metric, catalog.metricNames())));
                continue;
            }
            checkUnit(doc, metric, entry.get("unit"), at + "/unit", problems);
            for (String side : new String[] {"min", "max"}) {
                JsonNode bound = entry.get(side);
                if (bound != null) {
                    checkUnit(doc, metric, bound.get("unit"), at + "/" + side + "/unit", problems);
                }
            }
        }
    }

    /** A unit must be the one the metric is measured in: Assay does not convert units. */
    private void checkUnit(YamlDocument doc, String metric, JsonNode unit, String pointer, List<ProfileProblem> problems) {
        if (unit == null || !unit.isTextual()) {
            return;
        }
        catalog.unitOf(metric).filter(u -> !u.equals(unit.asText())).ifPresent(u -> problems.add(doc.problemAt(pointer,
                "unit '" + unit.asText() + "' but " + metric + " is measured in " + u)));
    }

    /**
     * A copy without null-valued mapping entries: in a profile a null only says "remove what the
     * parent set", so the schema checks the file as if the entry were absent.
     */
    static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(e -> copy.add(withoutNulls(e)));
            return copy;
        }
        return node;
    }
}
