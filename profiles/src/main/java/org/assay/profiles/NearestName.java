package org.assay.profiles;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name closest to a misspelt one, by Levenshtein distance, for "did you mean ...?".
 * A suggestion is offered only when the distance is small against the name's length (at most a
 * third of it, and at least 2 edits allowed), so a name that is nothing like any known one gets
 * no misleading guess.
 */
public final class NearestName {

    private NearestName() {
    }

    public static Optional<String> suggest(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(wrong, candidate);
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, wrong.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or nothing. */
    static String hint(String wrong, Collection<String> known) {
        return suggest(wrong, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Edits (insert, delete, substitute one character) from {@code a} to {@code b}. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
