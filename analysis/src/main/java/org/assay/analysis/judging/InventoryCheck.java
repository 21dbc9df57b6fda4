package org.assay.analysis.judging;

/** One fact of the run's inventory against the profile's spec: what the spec says, what the machine has, and the verdict. */
public record InventoryCheck(String name, String expected, String measured, Verdict verdict, String message) {
}
