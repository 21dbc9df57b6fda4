package org.assay.profiles;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a burn-in plan file the way profiles are read: safe YAML ({@link SafeYaml}), the plan
 * schema ({@link ProfileSchema#checkPlan}), then the checks a schema cannot make (a duration of
 * zero, two phases of one name), every problem with its file, line and column.
 */
public final class BurnInPlanReader {

    private BurnInPlanReader() {
    }

    /** @throws ProfileException with every problem, located */
    public static BurnInPlan read(Path file) {
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size > ProfileReader.MAX_FILE_BYTES) {
                throw new ProfileException(new ProfileProblem(source, 0, 0, "file is " + size / 1024 + " KiB; a plan is a few KiB"));
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return read(source, text);
        } catch (NoSuchFileException e) {
            throw new ProfileException(new ProfileProblem(source, 0, 0, "no such file"));
        } catch (CharacterCodingException e) {
            throw new ProfileException(new ProfileProblem(source, 0, 0, "not UTF-8 text"));
        } catch (IOException e) {
            throw new ProfileException(new ProfileProblem(source, 0, 0, "cannot read: " + e.getMessage()));
        }
    }

    /** A plan from its text; {@code source} names it in messages. */
    public static BurnInPlan read(String source, String text) {
        YamlDocument doc = SafeYaml.read(source, text);
        JsonNode written = doc.root();
        if (!written.isObject()) {
            throw new ProfileException(doc.problemAt("", "a plan is a YAML mapping (phases: [...]), not a "
                    + (written.isArray() ? "list" : written.isNull() ? "null" : "single value")));
        }
        JsonNode root = emptyComponents(written);
        List<ProfileProblem> problems = new ArrayList<>(ProfileSchema.checkPlan(doc, root));
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        Double interval = root.has("interval") ? value(doc, "/interval", root.get("interval").asText(),
                Quantities::seconds, problems) : null;
        List<BurnInPlan.Phase> phases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonNode list = root.get("phases");
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String at = "/phases/" + i;
            String name = p.get("name").asText();
            if (!names.add(name)) {
                problems.add(doc.problemAt(at + "/name", "phases[" + i + "].name = \"" + name
                        + "\": a second phase of this name; give each phase its own name"));
            }
            Double seconds = value(doc, at + "/duration", p.get("duration").asText(), Quantities::seconds, problems);
            JsonNode c = p.get("components");
            BurnInPlan.Cpu cpu = c.has("cpu") ? new BurnInPlan.Cpu(integer(c.get("cpu"), "threads")) : null;
            BurnInPlan.Memory memory = null;
            if (c.has("memory")) {
                JsonNode m = c.get("memory");
                Quantities.Size s = m.has("size") ? value(doc, at + "/components/memory/size", m.get("size").asText(),
                        Quantities::size, problems) : null;
                memory = new BurnInPlan.Memory(s, integer(m, "threads"));
            }
            BurnInPlan.Storage storage = null;
            if (c.has("storage")) {
                JsonNode s = c.get("storage");
                Quantities.Size size = s.has("size") ? value(doc, at + "/components/storage/size", s.get("size").asText(),
                        Quantities::size, problems) : null;
                storage = new BurnInPlan.Storage(s.get("dir").asText(), size, integer(s, "queueDepth"));
            }
            BurnInPlan.Network network = c.has("network") ? new BurnInPlan.Network(integer(c.get("network"), "connections")) : null;
            int line = doc.problemAt(at, "").line();
            phases.add(new BurnInPlan.Phase(name, line, seconds == null ? 0 : seconds, cpu, memory, storage, network,
                    BurnInThresholds.of(p.get("criteria"))));
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        String description = root.has("description") ? root.get("description").asText() : null;
        return new BurnInPlan(source, description, interval, BurnInThresholds.of(root.get("thresholds")), phases);
    }

    private static <T> T value(YamlDocument doc, String pointer, String text, Function<String, T> parse,
                               List<ProfileProblem> problems) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(doc.problemAt(pointer, ProfileSchema.dotted(pointer) + ": " + e.getMessage()));
            return null;
        }
    }

    /**
     * The tree with a component written bare ({@code cpu:}, YAML null) as an empty mapping: in a
     * plan it means "this component, at its defaults", not "removed" as a null does in a profile.
     */
    private static JsonNode emptyComponents(JsonNode root) {
        JsonNode copy = root.deepCopy();
        for (JsonNode phase : copy.path("phases")) {
            if (phase.get("components") instanceof com.fasterxml.jackson.databind.node.ObjectNode c) {
                List<String> bare = new ArrayList<>();
                c.fields().forEachRemaining(e -> {
                    if (e.getValue().isNull()) {
                        bare.add(e.getKey());
                    }
                });
                bare.forEach(k -> c.putObject(k));
            }
        }
        return copy;
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }
}
