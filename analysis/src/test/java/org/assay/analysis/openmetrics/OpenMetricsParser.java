package org.assay.analysis.openmetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenMetrics 1.0 text back, strictly, for the tests: every sample must belong to the
 * family declared above it, metadata must come before a family's samples, label values are
 * unescaped, and the text must end with {@code # EOF} and nothing after it. A writer bug that a
 * scraper would reject fails here too.
 */
public final class OpenMetricsParser {

    public record Family(String name, String type, String unit, String help) {
    }

    public record Sample(String name, Map<String, String> labels, double value, Double timestamp) {
    }

    public record Parsed(Map<String, Family> families, List<Sample> samples) {

        /** The one sample named {@code name} whose labels include all of {@code labels}. */
        public Sample sample(String name, Map<String, String> labels) {
            List<Sample> found = samples.stream().filter(s -> s.name().equals(name)
                    && s.labels().entrySet().containsAll(labels.entrySet())).toList();
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " samples " + name + labels + " in " + samples);
            }
            return found.get(0);
        }

        public List<Sample> samples(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }
    }

    private OpenMetricsParser() {
    }

    public static Parsed parse(String text) {
        if (!text.endsWith("# EOF\n")) {
            throw new AssertionError("does not end with '# EOF\\n': ..." + text.substring(Math.max(0, text.length() - 40)));
        }
        Map<String, Family> families = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        String current = null;
        String[] lines = text.substring(0, text.length() - "# EOF\n".length()).split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) { // the last element is the empty rest after the final \n
            String line = lines[i];
            if (line.startsWith("# ")) {
                String[] parts = line.split(" ", 4);
                String kind = parts[1];
                String name = parts[2];
                String rest = parts.length > 3 ? parts[3] : "";
                Family f = families.get(name);
                if (kind.equals("TYPE")) {
                    if (f != null) {
                        throw new AssertionError("family " + name + " declared twice");
                    }
                    families.put(name, new Family(name, rest, "", ""));
                    current = name;
                } else if (!name.equals(current) || f == null) {
                    throw new AssertionError(kind + " for " + name + " outside its family: " + line);
                } else if (kind.equals("UNIT")) {
                    if (!name.endsWith("_" + rest)) {
                        throw new AssertionError("family " + name + " does not end with its unit " + rest);
                    }
                    families.put(name, new Family(name, f.type(), rest, f.help()));
                } else if (kind.equals("HELP")) {
                    families.put(name, new Family(name, f.type(), f.unit(), unescape(rest)));
                } else {
                    throw new AssertionError("unknown metadata line: " + line);
                }
                continue;
            }
            Sample s = sample(line);
            Family f = current == null ? null : families.get(current);
            boolean belongs = f != null && (f.type().equals("counter") ? s.name().equals(current + "_total")
                    : s.name().equals(current));
            if (!belongs) {
                throw new AssertionError("sample " + s.name() + " is not of family " + current + ": " + line);
            }
            samples.add(s);
        }
        return new Parsed(families, samples);
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int pos;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            pos = brace + 1;
            while (line.charAt(pos) != '}') {
                int eq = line.indexOf("=\"", pos);
                String label = line.substring(pos, eq);
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        value.append(switch (n) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new AssertionError("bad escape \\" + n + " in " + line);
                        });
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new AssertionError("label " + label + " twice in " + line);
                }
                pos = j + 1;
                if (line.charAt(pos) == ',') {
                    pos++;
                }
            }
            pos++;
        } else {
            name = line.substring(0, space);
            pos = space;
        }
        String[] rest = line.substring(pos).strip().split(" ");
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(rest[0]);
        };
        Double ts = rest.length > 1 ? Double.parseDouble(rest[1]) : null;
        if (rest.length > 2) {
            throw new AssertionError("trailing text in " + line);
        }
        return new Sample(name, labels, value, ts);
    }

    private static String unescape(String help) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = help.charAt(++i);
            sb.append(n == 'n' ? '\n' : n);
        }
        return sb.toString();
    }
}
