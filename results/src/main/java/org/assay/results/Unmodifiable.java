package org.assay.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the records. {@code List.copyOf} and {@code Map.copyOf} are not used: they
 * reject null elements (a NaN sample reads back as null) and {@code Map.copyOf} loses the order
 * of {@code params}, which reports show as given. A null collection stays null: "unknown".
 */
final class Unmodifiable {

    private Unmodifiable() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
