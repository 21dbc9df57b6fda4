package org.assay.analysis;

import org.assay.analysis.CacheLevelDetector.Point;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency curves of other machines, transcribed from published measurements into
 * {@code src/test/resources/latency-curves/}: each file's comment names the source, the machine, the
 * cache sizes the source states and how it was transcribed.
 */
final class PublishedCurves {

    static final long K = 1024, M = K * K;

    private PublishedCurves() {
    }

    /** The curve in {@code name}.csv: size in bytes and the latency in the given column (1 = first after the size). */
    static List<Point> load(String name, int column) {
        String path = "/latency-curves/" + name + ".csv";
        try (InputStream in = PublishedCurves.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test curve " + path);
            }
            List<Point> curve = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false; // the column names
                    continue;
                }
                String[] f = line.split(",");
                curve.add(new Point(Long.parseLong(f[0].trim()), Double.parseDouble(f[column].trim())));
            }
            return curve;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Point> load(String name) {
        return load(name, 1);
    }

    /** The latency the curve has at exactly {@code bytes}. */
    static double at(List<Point> curve, long bytes) {
        return curve.stream().filter(p -> p.bytes() == bytes).mapToDouble(Point::latencyNs).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no point at " + bytes));
    }

    static int columns(String name) {
        String path = "/latency-curves/" + name + ".csv";
        try (InputStream in = PublishedCurves.class.getResourceAsStream(path)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    return line.split(",").length - 1;
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
