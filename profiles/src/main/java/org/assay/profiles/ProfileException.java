package org.assay.profiles;

import java.util.List;

/** A profile refused: every problem found, each located. The message is the first, with a count of the rest. */
public final class ProfileException extends RuntimeException {

    private final List<ProfileProblem> problems;

    public ProfileException(List<ProfileProblem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refused profile needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ProfileException(ProfileProblem problem) {
        this(List.of(problem));
    }

    public List<ProfileProblem> problems() {
        return problems;
    }

    private static String summary(List<ProfileProblem> problems) {
        if (problems.isEmpty()) {
            return "no problems";
        }
        String first = problems.get(0).toString();
        int more = problems.size() - 1;
        return more == 0 ? first : first + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
    }
}
