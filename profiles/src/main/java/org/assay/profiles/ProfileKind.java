package org.assay.profiles;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** What a profile describes. */
public enum ProfileKind {
    /** A part as its vendor specifies it (a CPU model in a given socket count). */
    VENDOR_SPEC("vendor-spec"),
    /** A cloud instance type: a slice of a host, usually extending its CPU's profile. */
    INSTANCE_TYPE("instance-type"),
    /** One measured machine whose results are the reference for others like it. */
    GOLDEN_MACHINE("golden-machine");

    private final String yamlName;

    ProfileKind(String yamlName) {
        this.yamlName = yamlName;
    }

    @JsonValue
    public String yamlName() {
        return yamlName;
    }

    public static ProfileKind fromYaml(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile kind '" + name + "'"));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
