package org.assay.probes.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The kernel's CPU list syntax, as in {@code /sys/devices/system/cpu/online},
 * {@code cpuset.cpus.effective} and {@code Cpus_allowed_list}: comma-separated CPU numbers and
 * inclusive ranges, {@code "0-3,8,10-11"}. The same syntax is accepted by {@code assay --cpus}.
 *
 * <p>An empty string is an empty list (the kernel writes an empty line for, say, no offline CPUs).
 * The stride form {@code 0-7:2} that the kernel's own parser accepts is not supported; it never
 * appears in sysfs output.
 */
public final class CpuList {

    private static final String EXPECTED = "expected N or N-M with N <= M, comma-separated, e.g. 0-3,8,10-11";

    private CpuList() {
    }

    /**
     * Parses a CPU list into sorted, distinct CPU numbers.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad token and the
     *                                  expected form
     */
    public static List<Integer> parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CPU list is missing: " + EXPECTED);
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String raw : s.split(",", -1)) {
            String token = raw.strip();
            int dash = token.indexOf('-');
            if (dash < 0) {
                cpus.add(number(token, text));
            } else {
                int from = number(token.substring(0, dash), token, text);
                int to = number(token.substring(dash + 1), token, text);
                if (from > to) {
                    throw bad(token, text);
                }
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            }
        }
        return List.copyOf(cpus);
    }

    /** Formats CPU numbers the way the kernel does: sorted, runs of two or more as ranges. */
    public static String format(Collection<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int start = sorted.get(i);
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start);
            if (j > i) {
                sb.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    private static int number(String token, String whole) {
        return number(token, token, whole);
    }

    private static int number(String part, String token, String whole) {
        String p = part.strip();
        // Digits only: rejects "+1", "-1" (seen as a range with an empty start) and " 1 2".
        if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(Character::isDigit)) {
            throw bad(token, whole);
        }
        return Integer.parseInt(p);
    }

    private static IllegalArgumentException bad(String token, String whole) {
        String where = whole.strip().equals(token) ? "" : " in \"" + whole.strip() + "\"";
        return new IllegalArgumentException(
                "bad CPU list token \"" + token + "\"" + where + ": " + EXPECTED);
    }
}
