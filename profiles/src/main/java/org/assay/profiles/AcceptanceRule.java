package org.assay.profiles;

/**
 * Bounds a measured value must stay within. The key's parameters narrow it: a rule without
 * parameters covers every size of its metric. Either bound may be null (no limit on that side).
 */
public record AcceptanceRule(MetricKey key, Bound min, Bound max) {
}
