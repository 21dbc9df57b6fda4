package org.assay.profiles;

/**
 * One thing wrong with a profile, where it is: the file (or shipped resource), the line and
 * column (1-based; 0 when the problem has no place in the file, such as a file that cannot be
 * read) and what is wrong.
 */
public record ProfileProblem(String source, int line, int column, String message) {

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column + ": " + message : source + ": " + message;
    }
}
