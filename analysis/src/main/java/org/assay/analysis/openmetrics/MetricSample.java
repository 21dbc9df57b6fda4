package org.assay.analysis.openmetrics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sample of a metric family, as the exposition formats write it.
 *
 * @param family    the family name, ending in {@code _<unit>} when there is a unit and never in
 *                  {@code _total} (a counter's sample gets that suffix when written)
 * @param type      gauge or counter
 * @param help      one human sentence about the family; may be empty
 * @param unit      the OpenMetrics unit ({@code seconds}, {@code bytes_per_second}); empty for none
 * @param labels    label name to value, in the order they are written
 * @param value     the value; NaN is written as {@code NaN}
 * @param timestamp when the value was measured; null for "now" (the scraper's time)
 */
public record MetricSample(String family, MetricType type, String help, String unit, Map<String, String> labels,
                           double value, Instant timestamp) {

    public MetricSample {
        PrometheusNames.checkFamily(family);
        Objects.requireNonNull(type, "type");
        help = help == null ? "" : help;
        unit = unit == null ? "" : unit;
        if (!unit.isEmpty() && !family.endsWith("_" + unit)) {
            // OpenMetrics requires it: a reader must see the unit in the name, not only in # UNIT.
            throw new IllegalArgumentException("metric family " + family + " must end with its unit _" + unit);
        }
        if (type == MetricType.counter && family.endsWith("_total")) {
            throw new IllegalArgumentException("counter family " + family + " must not end in _total: "
                    + "the sample gets that suffix when written");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                PrometheusNames.checkLabel(k);
                copy.put(k, Objects.requireNonNull(v, "value of label " + k));
            });
        }
        labels = Collections.unmodifiableMap(copy);
    }

    /** This sample with no timestamp: the Pushgateway refuses pushed samples that carry one. */
    public MetricSample withoutTimestamp() {
        return timestamp == null ? this : new MetricSample(family, type, help, unit, labels, value, null);
    }
}
