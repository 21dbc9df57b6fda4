package org.assay.profiles;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations ({@code 30s}, {@code 500ms}, {@code 5m}, {@code 4h}, a bare number of seconds) and
 * sizes ({@code 512MiB}, {@code 2GiB}, or a share such as {@code 25%}) as a person writes them on
 * the command line or in a file, in one place so both read them alike. Binary units only: a
 * {@code GB} that might mean 10^9 or 2^30 is refused rather than guessed.
 */
public final class Quantities {

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(%|B|KiB|MiB|GiB|TiB)");

    private Quantities() {
    }

    /** A size in bytes, or a share of something (available memory, free space) when {@code fraction} is set. */
    public record Size(long bytes, Double fraction) {

        public boolean isShare() {
            return fraction != null;
        }

        /** The bytes this size is out of {@code whole} bytes. */
        public long of(long whole) {
            return fraction == null ? bytes : (long) (fraction * whole);
        }

        /** As written: the largest binary unit that divides it ("1000TiB", "512MiB"), or a share ("25%"). */
        @Override
        public String toString() {
            if (fraction != null) {
                return new java.math.BigDecimal(fraction * 100).round(new java.math.MathContext(4)).stripTrailingZeros()
                        .toPlainString() + "%";
            }
            String[] units = {"TiB", "GiB", "MiB", "KiB"};
            for (int i = 0; i < units.length; i++) {
                long scale = 1L << (40 - 10 * i);
                if (bytes > 0 && bytes % scale == 0) {
                    return bytes / scale + units[i];
                }
            }
            return bytes + "B";
        }
    }

    /**
     * Seconds in a positive duration.
     *
     * @throws IllegalArgumentException saying what would be right
     */
    public static double seconds(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        double v = m.matches() ? Double.parseDouble(m.group(1)) : Double.NaN;
        if (!(v > 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration; give e.g. 30s, 500ms, 5m or 4h");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> v / 1000;
            case "m" -> v * 60;
            case "h" -> v * 3600;
            default -> v;
        };
    }

    /**
     * A positive size, in bytes or as a share (above 0%, at most 100%).
     *
     * @throws IllegalArgumentException saying what would be right
     */
    public static Size size(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        double v = m.matches() ? Double.parseDouble(m.group(1)) : Double.NaN;
        String unit = m.matches() ? m.group(2) : "";
        if (!(v > 0) || unit.equals("%") && v > 100) {
            throw new IllegalArgumentException("'" + text + "' is not a size; give bytes with a binary unit "
                    + "(e.g. 512MiB, 4GiB) or a share above 0% and at most 100% (e.g. 25%)");
        }
        if (unit.equals("%")) {
            return new Size(0, v / 100);
        }
        long scale = switch (unit) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "TiB" -> 1L << 40;
            default -> 1;
        };
        return new Size((long) (v * scale), null);
    }
}
