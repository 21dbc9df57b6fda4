package org.assay.harness.derived;

import org.assay.harness.command.ProfileCommand;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profiles may name derived results; the list the profile command passes them must name this package's metrics. */
class DerivedMetricNamesTest {

    @Test
    void theProfileCatalogNamesTheLevelMetric() {
        assertTrue(ProfileCommand.DERIVED_METRICS.contains(LevelResults.METRIC), ProfileCommand.DERIVED_METRICS.toString());
    }
}
