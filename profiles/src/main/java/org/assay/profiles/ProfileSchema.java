package org.assay.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profile JSON Schema ({@code profile.schema.json} beside this class, draft 2020-12) and
 * the mapping of its errors back to lines and columns. Each error names the instance node by
 * its path; an unknown property is reported at its key, anything else at the offending value.
 */
final class ProfileSchema {

    static final String RESOURCE = "profile.schema.json";

    private static final Schema SCHEMA = load(null);
    /** The same file with its {@code burnInPlan} definition as the root: a burn-in plan file's schema. */
    private static final Schema PLAN_SCHEMA = load("#/$defs/burnInPlan");
    /** Every property name the schema defines, for "did you mean" on an unknown field. */
    private static final java.util.Set<String> FIELD_NAMES = fieldNames();

    private ProfileSchema() {
    }

    /** @param rootRef null for the profile schema, else a {@code $ref} into its definitions to check against instead */
    private static Schema load(String rootRef) {
        try (InputStream in = ProfileSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the profiles jar");
            }
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            if (rootRef == null) {
                return registry.getSchema(in);
            }
            // one file, two roots: the plan reuses the profile's definitions (thresholds, durations)
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
            com.fasterxml.jackson.databind.node.ObjectNode plan = tree.objectNode();
            plan.set("$schema", tree.get("$schema"));
            plan.put("$id", tree.get("$id").asText().replace("profile-", "burn-in-plan-"));
            plan.set("$defs", tree.get("$defs"));
            plan.put("$ref", rootRef);
            return registry.getSchema(plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.Set<String> fieldNames() {
        try (InputStream in = open()) {
            JsonNode schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
            java.util.Set<String> names = new java.util.TreeSet<>();
            collect(schema, names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, java.util.Set<String> names) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                properties.fieldNames().forEachRemaining(names::add);
            }
        }
        node.elements().forEachRemaining(child -> collect(child, names));
    }

    /** The schema's text, for {@code docs/profiles.md} readers and tools that want to check a file themselves. */
    static InputStream open() {
        return ProfileSchema.class.getResourceAsStream(RESOURCE);
    }

    /** Every schema violation of {@code tree}, located in {@code doc}; empty when it conforms. */
    static List<ProfileProblem> check(YamlDocument doc, JsonNode tree) {
        return check(SCHEMA, doc, tree);
    }

    /** Every violation of the burn-in plan schema, located in {@code doc}. */
    static List<ProfileProblem> checkPlan(YamlDocument doc, JsonNode tree) {
        return check(PLAN_SCHEMA, doc, tree);
    }

    private static List<ProfileProblem> check(Schema schema, YamlDocument doc, JsonNode tree) {
        List<Error> errors = schema.validate(tree);
        // oneOf/anyOf report one error per branch at the same node; keep the most specific
        // (the deepest node) and one message per node, so a wrong bound reads as one problem.
        Map<String, ProfileProblem> byPlace = new LinkedHashMap<>();
        errors.stream()
                .sorted(Comparator.comparingInt((Error e) -> -e.getInstanceLocation().getNameCount()))
                .forEach(e -> {
                    String pointer = pointer(e.getInstanceLocation());
                    boolean atKey = false;
                    if ("additionalProperties".equals(e.getKeyword()) && e.getProperty() != null) {
                        pointer = pointer + YamlDocument.segment(e.getProperty());
                        atKey = true;
                    }
                    ProfileProblem p = doc.problemAt(pointer, describe(e, pointer), atKey);
                    byPlace.putIfAbsent(p.line() + ":" + p.column(), p);
                });
        List<ProfileProblem> problems = new ArrayList<>(byPlace.values());
        problems.sort(Comparator.comparingInt(ProfileProblem::line).thenComparingInt(ProfileProblem::column));
        return problems;
    }

    private static String describe(Error e, String pointer) {
        String where = dotted(pointer);
        String message = e.getMessage();
        // The library starts its message with the instance location; say it once, our way.
        int colon = message.indexOf(": ");
        if (colon > 0 && !message.substring(0, colon).contains(" ")) {
            message = message.substring(colon + 2);
        }
        if ("additionalProperties".equals(e.getKeyword()) && e.getProperty() != null) {
            return "unknown field '" + e.getProperty() + "' in " + parentName(where, e.getProperty())
                    + NearestName.hint(e.getProperty(), FIELD_NAMES);
        }
        if ("required".equals(e.getKeyword()) && e.getEvaluationPath().toString().contains("anyOf")) {
            return where + ": a rule needs min, max or both";
        }
        JsonNode value = e.getInstanceNode();
        if (value != null && value.isValueNode() && !"required".equals(e.getKeyword())) {
            return where + " = " + value + ": " + message;
        }
        return where + ": " + message;
    }

    private static String parentName(String where, String property) {
        if (where.equals(property)) {
            return "profile";
        }
        return where.endsWith("." + property) ? where.substring(0, where.length() - property.length() - 1) : where;
    }

    /** {@code /acceptance/rules/0/min} as {@code acceptance.rules[0].min}, the way the docs name fields. */
    static String dotted(String pointer) {
        if (pointer.isEmpty()) {
            return "profile";
        }
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
                sb.append('[').append(name).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(name);
            }
        }
        return sb.toString();
    }

    static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            sb.append(element instanceof Integer ? "/" + element : YamlDocument.segment(String.valueOf(element)));
        }
        return sb.toString();
    }
}
