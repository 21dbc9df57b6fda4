package org.assay.profiles;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A metric and the parameters it was measured with: the key of an expected result and of an
 * acceptance rule. Parameters are kept as strings in name order, so {@code n: 4096} in YAML and
 * {@code n=4096} from a run's parameters give equal keys.
 */
public record MetricKey(String metric, SortedMap<String, String> params) {

    public MetricKey {
        Objects.requireNonNull(metric, "metric");
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params == null ? Map.of() : params));
    }

    public static MetricKey of(String metric) {
        return new MetricKey(metric, new TreeMap<>());
    }

    public static MetricKey of(String metric, Map<String, ?> params) {
        TreeMap<String, String> p = new TreeMap<>();
        if (params != null) {
            params.forEach((k, v) -> p.put(k, String.valueOf(v)));
        }
        return new MetricKey(metric, p);
    }

    /** The family a metric belongs to: the part before the first dot ({@code cpu}, {@code memory}, ...). */
    public String category() {
        int dot = metric.indexOf('.');
        return dot < 0 ? metric : metric.substring(0, dot);
    }

    /** True when every parameter of this key has the same value in {@code other}: a rule without params matches every size. */
    public boolean matches(MetricKey other) {
        if (!metric.equals(other.metric)) {
            return false;
        }
        return params.entrySet().stream().allMatch(e -> e.getValue().equals(other.params.get(e.getKey())));
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return metric;
        }
        return metric + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
