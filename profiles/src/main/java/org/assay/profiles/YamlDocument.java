package org.assay.profiles;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A YAML file read into a JSON tree, with where each node came from: {@code values} maps a JSON
 * Pointer ({@code /spec/cpu/sockets}) to the position of the value, {@code keys} to the position
 * of the mapping key that names it. Schema errors point at a JSON Pointer; these maps turn it
 * back into a line and column.
 */
record YamlDocument(String source, JsonNode root, Map<String, Position> values, Map<String, Position> keys) {

    /** A 1-based line and column. */
    record Position(int line, int column) {
    }

    /** A problem at the value a pointer names, or at the nearest enclosing node that has a position. */
    ProfileProblem problemAt(String pointer, String message) {
        return problemAt(pointer, message, false);
    }

    /** As {@link #problemAt(String, String)}, at the key that names the value when {@code atKey}. */
    ProfileProblem problemAt(String pointer, String message, boolean atKey) {
        String p = pointer;
        while (true) {
            Position at = atKey ? keys.get(p) : null;
            if (at == null) {
                at = values.get(p);
            }
            if (at != null) {
                return new ProfileProblem(source, at.line(), at.column(), message);
            }
            if (p.isEmpty()) {
                return new ProfileProblem(source, 1, 1, message);
            }
            p = p.substring(0, p.lastIndexOf('/'));
            atKey = false;
        }
    }

    /** A JSON Pointer segment escaped as RFC 6901 says ({@code ~} and {@code /}). */
    static String segment(String name) {
        return "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
