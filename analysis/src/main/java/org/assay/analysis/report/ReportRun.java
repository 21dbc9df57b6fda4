package org.assay.analysis.report;

import org.assay.results.Bundle;
import org.assay.results.ProbeSample;

import java.io.IOException;
import java.util.List;

/** A bundle in a report: its position (for anchors), the name it is shown under and its probe samples. */
public record ReportRun(int index, String name, Bundle bundle, List<ProbeSample> samples) {

    public ReportRun {
        samples = List.copyOf(samples);
    }

    public static ReportRun of(int index, Bundle bundle) throws IOException {
        String name = bundle.manifest().host() + " — " + bundle.dir().getFileName();
        return new ReportRun(index, name, bundle, ProbeCsvReader.read(bundle.dir()));
    }
}
