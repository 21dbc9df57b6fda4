package org.assay.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.schema.JsonSchema;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one YAML document into a JSON tree without constructing any Java type the document
 * names. The tree is built from snakeyaml-engine's composed nodes, never its constructor, so a
 * tag such as {@code !!java.net.URL} is refused rather than obeyed, and every node keeps its
 * line and column. Bounds, each refused with a located problem:
 * <ul>
 *   <li>size: {@link #MAX_CODE_POINTS} characters;</li>
 *   <li>nesting: {@link #MAX_DEPTH} levels of mappings and sequences, checked on the event
 *       stream before anything is composed (the composer recurses per level);</li>
 *   <li>aliases: at most {@link #MAX_ALIASES} aliases in all (counted on the event stream, so the
 *       refusal points at the alias), at most {@link #MAX_COLLECTION_ALIASES} to mappings or
 *       sequences (snakeyaml-engine's own bound), and at most {@link #MAX_NODES} nodes once
 *       aliases are expanded: the "billion laughs" bomb multiplies nodes through nested
 *       aliases and is stopped by the first.</li>
 * </ul>
 * Scalars are resolved with YAML's JSON schema (true/false, null, numbers in JSON form; anything
 * else is a string), so {@code no} stays the string "no" and {@code 0x10} stays a string.
 */
final class SafeYaml {

    static final int MAX_CODE_POINTS = 256 * 1024;
    static final int MAX_DEPTH = 16;
    static final int MAX_ALIASES = 32;
    static final int MAX_COLLECTION_ALIASES = 16;
    static final int MAX_NODES = 20_000;

    private SafeYaml() {
    }

    static YamlDocument read(String source, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new JsonSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .build();
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw new ProfileException(new ProfileProblem(source, 0, 0,
                    "file is larger than " + MAX_CODE_POINTS / 1024 + " KiB; a profile is a few KiB"));
        }
        try {
            checkDepth(source, settings, text);
            Optional<Node> node = new Compose(settings).composeString(text);
            if (node.isEmpty()) {
                throw new ProfileException(new ProfileProblem(source, 1, 1, "empty document; a profile is a YAML mapping"));
            }
            return new Converter(source).convert(node.get());
        } catch (MarkedYamlEngineException e) {
            throw new ProfileException(located(source, e));
        } catch (YamlEngineException e) {
            throw new ProfileException(new ProfileProblem(source, 0, 0, "YAML: " + oneLine(e.getMessage())));
        }
    }

    private static void checkDepth(String source, LoadSettings settings, String text) {
        int depth = 0;
        int documents = 0;
        int aliases = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw new ProfileException(at(source, event.getStartMark(),
                                "nested deeper than " + MAX_DEPTH + " levels; a profile needs about five"));
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                case Alias -> {
                    if (++aliases > MAX_ALIASES) {
                        throw new ProfileException(at(source, event.getStartMark(),
                                "more than " + MAX_ALIASES + " aliases; aliases that multiply (an alias bomb) are refused"));
                    }
                }
                case DocumentStart -> {
                    if (++documents > 1) {
                        throw new ProfileException(at(source, event.getStartMark(),
                                "a second YAML document; a profile file holds exactly one"));
                    }
                }
                default -> {
                }
            }
        }
    }

    private static ProfileProblem located(String source, MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? oneLine(e.getMessage()) : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        return at(source, e.getProblemMark().or(e::getContextMark), "YAML: " + problem + context);
    }

    private static ProfileProblem at(String source, Optional<Mark> mark, String message) {
        return mark.map(m -> new ProfileProblem(source, m.getLine() + 1, m.getColumn() + 1, message))
                .orElseGet(() -> new ProfileProblem(source, 0, 0, message));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", "; ");
    }

    /** Node tree to JSON tree, recording positions and counting expanded nodes. */
    private static final class Converter {
        private final String source;
        private final Map<String, YamlDocument.Position> values = new HashMap<>();
        private final Map<String, YamlDocument.Position> keys = new HashMap<>();
        private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
        private int nodes;

        Converter(String source) {
            this.source = source;
        }

        YamlDocument convert(Node root) {
            JsonNode tree = toJson(root, "");
            return new YamlDocument(source, tree, Map.copyOf(values), Map.copyOf(keys));
        }

        private JsonNode toJson(Node node, String pointer) {
            if (++nodes > MAX_NODES) {
                throw new ProfileException(at(source, node.getStartMark(),
                        "more than " + MAX_NODES + " nodes once aliases are expanded; aliases that multiply are refused"));
            }
            values.putIfAbsent(pointer, position(node));
            if (onPath.put(node, Boolean.TRUE) != null) {
                throw new ProfileException(at(source, node.getStartMark(), "an alias refers to a node that contains it"));
            }
            try {
                if (node instanceof ScalarNode scalar) {
                    return scalar(scalar);
                }
                if (node instanceof SequenceNode seq) {
                    checkTag(node, Tag.SEQ);
                    ArrayNode array = JsonNodeFactory.instance.arrayNode();
                    for (int i = 0; i < seq.getValue().size(); i++) {
                        array.add(toJson(seq.getValue().get(i), pointer + "/" + i));
                    }
                    return array;
                }
                MappingNode map = (MappingNode) node;
                checkTag(node, Tag.MAP);
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                for (NodeTuple tuple : map.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getTag().equals(Tag.NULL)) {
                        throw new ProfileException(at(source, tuple.getKeyNode().getStartMark(),
                                "a mapping key must be a plain name"));
                    }
                    // YAML's JSON schema does not resolve "<<" to the merge tag, so a plain "<<" is
                    // refused by its text too: otherwise it reads as an unknown field named "<<"
                    if (keyNode.getTag().equals(Tag.MERGE) || (keyNode.getScalarStyle() == ScalarStyle.PLAIN
                            && "<<".equals(keyNode.getValue()))) {
                        throw new ProfileException(at(source, keyNode.getStartMark(),
                                "merge keys (<<) are not supported; use extends: to inherit from another profile"));
                    }
                    String key = keyNode.getValue();
                    String child = pointer + YamlDocument.segment(key);
                    if (object.has(key)) {
                        throw new ProfileException(at(source, keyNode.getStartMark(), "duplicate key '" + key + "'"));
                    }
                    keys.put(child, position(keyNode));
                    object.set(key, toJson(tuple.getValueNode(), child));
                }
                return object;
            } finally {
                onPath.remove(node);
            }
        }

        private JsonNode scalar(ScalarNode scalar) {
            Tag tag = scalar.getTag();
            String v = scalar.getValue();
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (tag.equals(Tag.STR)) {
                return f.textNode(v);
            }
            if (tag.equals(Tag.NULL)) {
                return f.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return f.booleanNode(Boolean.parseBoolean(v));
            }
            if (tag.equals(Tag.INT)) {
                BigInteger i = new BigInteger(v);
                return i.bitLength() < 63 ? f.numberNode(i.longValue()) : f.numberNode(i);
            }
            if (tag.equals(Tag.FLOAT)) {
                double d = Double.parseDouble(v);
                if (Double.isInfinite(d)) {
                    // Jackson would carry Infinity on, and no limit or figure of a machine is infinite
                    throw new ProfileException(at(source, scalar.getStartMark(),
                            "number " + v + " is beyond the range of a double (about 1.8e308); give a finite value"));
                }
                return f.numberNode(d);
            }
            throw new ProfileException(at(source, scalar.getStartMark(),
                    "tag " + tag.getValue() + " is not allowed; a profile holds plain strings, numbers, booleans and null"));
        }

        private void checkTag(Node node, Tag expected) {
            if (!node.getTag().equals(expected)) {
                throw new ProfileException(at(source, node.getStartMark(),
                        "tag " + node.getTag().getValue() + " is not allowed; a profile holds plain mappings and lists"));
            }
        }

        private static YamlDocument.Position position(Node node) {
            return node.getStartMark().map(m -> new YamlDocument.Position(m.getLine() + 1, m.getColumn() + 1))
                    .orElse(new YamlDocument.Position(0, 0));
        }
    }
}
