package org.assay.analysis.compare;

import org.assay.results.Bundle;
import org.assay.results.BundleException;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.VerificationReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads bundles for a comparison or a report, refusing any that does not verify against its
 * SHA256SUMS: a figure that cannot be checked is not compared.
 */
public final class VerifiedBundles {

    private VerifiedBundles() {
    }

    public static Bundle read(Path dir) throws CompareInputException, IOException {
        VerificationReport report;
        try {
            report = BundleVerifier.verify(dir);
        } catch (BundleException e) {
            throw new CompareInputException(e.getMessage());
        }
        if (!report.ok()) {
            throw new CompareInputException(dir + " fails verification (" + report.problems().get(0)
                    + (report.problems().size() > 1 ? " and " + (report.problems().size() - 1) + " more" : "")
                    + "): check it with 'assay verify " + dir + "'; only finished, unchanged bundles are compared");
        }
        try {
            return BundleReader.read(dir);
        } catch (BundleException e) {
            throw new CompareInputException(e.getMessage());
        }
    }

    public static List<Bundle> readAll(List<Path> dirs) throws CompareInputException, IOException {
        List<Bundle> bundles = new ArrayList<>();
        for (Path d : dirs) {
            bundles.add(read(d));
        }
        return bundles;
    }
}
