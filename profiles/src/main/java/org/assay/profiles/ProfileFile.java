package org.assay.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One profile file, read and validated on its own: its id, the id it extends (null for none),
 * the tree as written (a null value marks an inherited value to remove) and the document it came
 * from, for locating problems found later (an unknown parent, a cycle).
 */
record ProfileFile(String id, String extendsId, ObjectNode tree, YamlDocument document) {

    String source() {
        return document.source();
    }

    /** A problem at this file's {@code extends} value. */
    ProfileProblem problemAtExtends(String message) {
        return document.problemAt("/extends", message);
    }
}
