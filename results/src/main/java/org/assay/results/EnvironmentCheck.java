package org.assay.results;

/**
 * A pre-flight fact that changes results (governor, turbo, SMT, THP, load...). {@code value} is
 * null when it could not be read; {@code warning} is null when the value is fine for measuring.
 */
public record EnvironmentCheck(String name, String value, String warning) {
}
