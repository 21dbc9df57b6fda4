package org.assay.probes.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every way a probe source could write to a device or file: write-mode open flags, Java's
 * writing file APIs, pwrite/wrmsr, the MSR driver's write ioctl, and any raw syscall or ioctl
 * other than the perf_event ones the counters need. Comments are removed first, so a comment
 * that explains why there is no pwrite does not count, and a write hidden in code does.
 */
final class RegisterWriteScan {

    /** perf_event ioctls: ENABLE 0x2400, DISABLE 0x2401, RESET 0x2403. Nothing else may be issued. */
    static final Set<String> ALLOWED_IOCTLS = Set.of("0x2400", "0x2401", "0x2403");

    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\bO_(WRONLY|RDWR|CREAT|TRUNC|APPEND)\\b"),
            Pattern.compile("\\bp?writev?\\s*\\(\\s*(int\\s+)?fd\\b"),
            Pattern.compile("\\b(pwrite|pwrite64|pwritev|wrmsr|WRMSR)\\w*"),
            Pattern.compile("\\b(FileOutputStream|RandomAccessFile|FileWriter|PrintStream\\s*\\(\\s*new\\s+File)\\b"),
            Pattern.compile("\\bFiles\\s*\\.\\s*(write|writeString|newOutputStream|newBufferedWriter|copy|move|delete\\w*|create\\w*)\\s*\\("),
            Pattern.compile("\\bStandardOpenOption\\s*\\.\\s*(WRITE|APPEND|CREATE|CREATE_NEW|TRUNCATE_EXISTING|DELETE_ON_CLOSE)\\b"),
            Pattern.compile("(?i)0xc02063a1"));    // X86_IOC_WRMSR_REGS

    /** {@code lib.open(path, FLAGS)} / {@code c().open(path, FLAGS)}: the flags must be read-only. */
    private static final Pattern OPEN = Pattern.compile("\\b(lib|c\\(\\))\\s*\\.\\s*open\\s*\\(([^;]*?)\\)\\s*;");
    private static final Pattern READ_ONLY_FLAGS = Pattern.compile("\\s*O_RDONLY\\s*(\\|\\s*O_CLOEXEC\\s*)?");
    private static final Pattern SYSCALL = Pattern.compile("\\.\\s*syscall\\s*\\(\\s*([^,)]+)");
    private static final Pattern IOCTL = Pattern.compile("\\.\\s*ioctl\\s*\\([^,]+,\\s*new\\s+NativeLong\\s*\\(\\s*([^)]+)\\)");
    private static final Pattern ANY_IOCTL = Pattern.compile("\\.\\s*ioctl\\s*\\(");

    private RegisterWriteScan() {
    }

    static List<String> violations(String file, String source) {
        String code = withoutComments(source);
        List<String> found = new ArrayList<>();
        for (Pattern p : FORBIDDEN) {
            Matcher m = p.matcher(code);
            while (m.find()) {
                found.add(file + ": '" + m.group() + "'");
            }
        }
        Matcher open = OPEN.matcher(code);
        while (open.find()) {
            String args = open.group(2);
            int comma = args.lastIndexOf(',');
            String flags = comma < 0 ? "" : args.substring(comma + 1);
            if (!READ_ONLY_FLAGS.matcher(flags).matches()) {
                found.add(file + ": open with flags '" + flags.strip() + "' (only O_RDONLY | O_CLOEXEC)");
            }
        }
        Matcher sys = SYSCALL.matcher(code);
        while (sys.find()) {
            if (!sys.group(1).strip().equals("LibC.SYS_PERF_EVENT_OPEN")) {
                found.add(file + ": syscall " + sys.group(1).strip() + " (only perf_event_open)");
            }
        }
        int ioctls = 0;
        for (Matcher any = ANY_IOCTL.matcher(code); any.find(); ) {
            ioctls++;
        }
        int allowed = 0;
        Matcher io = IOCTL.matcher(code);
        while (io.find()) {
            if (ALLOWED_IOCTLS.contains(io.group(1).strip().toLowerCase(java.util.Locale.ROOT))) {
                allowed++;
            } else {
                found.add(file + ": ioctl " + io.group(1).strip() + " (only the perf_event ioctls)");
                allowed++;
            }
        }
        if (ioctls > allowed) {
            found.add(file + ": an ioctl whose request is not a literal perf_event request");
        }
        return found;
    }

    /** The source with comments blanked out; string literals are kept (a path or flag in one still counts). */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < s.length() && s.charAt(end) != '"') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(s, i, Math.min(end + 1, s.length()));
                i = end + 1;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
