package org.assay.workloads.kernel;

import java.nio.ByteBuffer;

/**
 * The pattern every message of a TCP stream carries, so that the receiver can tell cheaply that
 * each message arrived whole, in order and unaltered: a sequence number in the first word, a
 * check word derived from it in the second, and the complement of the check word in the last.
 * Three words per message cost nothing next to the copy, yet a lost, repeated, reordered, short
 * or overwritten message fails: its sequence number or one of its check words is wrong.
 *
 * <p>The payload between the words is filled once (bytes that are not all zero, so a page of zeros
 * from a bug does not pass) and never rewritten: the sender stamps only the three words.
 */
public final class StreamMessage {

    /** The three words take 24 bytes; the descriptors allow 1 KiB and more. */
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64 << 20;

    private StreamMessage() {
    }

    /** A direct buffer of {@code size} bytes with the fixed payload filled in, ready to stamp. */
    public static ByteBuffer allocate(int size) {
        if (size < MIN_BYTES || size > MAX_BYTES) {
            throw new IllegalArgumentException("message size must be " + MIN_BYTES + " bytes to "
                    + (MAX_BYTES >> 20) + " MiB, got " + size);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (i * 31 + 7));
        }
        return b;
    }

    /** The check word of message {@code seq}: a mix of its bits, so neighbouring messages differ everywhere. */
    static long checkWord(long seq) {
        long z = seq + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }

    /** Writes the three words of message {@code seq} into {@code b} (absolute puts; position untouched). */
    public static void stamp(ByteBuffer b, long seq) {
        int last = b.capacity() - Long.BYTES;
        b.putLong(0, seq);
        b.putLong(Long.BYTES, checkWord(seq));
        b.putLong(last, ~checkWord(seq));
    }

    /**
     * Checks a received message against the one expected.
     *
     * @return null when it is message {@code expectedSeq}, else one line saying what differs
     */
    public static String check(ByteBuffer b, long expectedSeq) {
        int last = b.capacity() - Long.BYTES;
        long seq = b.getLong(0);
        if (seq != expectedSeq) {
            return "message " + expectedSeq + ": expected sequence number " + expectedSeq + " but got " + seq;
        }
        long want = checkWord(seq);
        long head = b.getLong(Long.BYTES);
        if (head != want) {
            return "message " + seq + ": expected check word " + Long.toHexString(want) + " but got "
                    + Long.toHexString(head);
        }
        long tail = b.getLong(last);
        if (tail != ~want) {
            return "message " + seq + ": expected closing word " + Long.toHexString(~want) + " but got "
                    + Long.toHexString(tail);
        }
        return null;
    }
}
