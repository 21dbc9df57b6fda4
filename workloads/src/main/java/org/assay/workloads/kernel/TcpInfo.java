package org.assay.workloads.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * The kernel's own count of a connection's retransmitted segments, {@code tcpi_total_retrans} of
 * Linux's {@code struct tcp_info}, read with {@code getsockopt(fd, IPPROTO_TCP, TCP_INFO)} through
 * JNA. Loopback should show none; a count there means the stream lost segments to a full queue,
 * and between hosts it is the first thing to look at when throughput is low.
 *
 * <p>The JDK does not give a channel's file descriptor; it is read through the JDK's internal
 * {@code sun.nio.ch.SelChImpl.getFDVal()}, which needs
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (in the JVM flags every fork and test
 * gets, for chronicle-bytes). Where any step is refused (not Linux, no JNA, no export, an older kernel whose
 * struct is shorter) {@link #totalRetransmits} answers -1 and {@link #unavailableReason} says why.
 */
public final class TcpInfo {

    static final int IPPROTO_TCP = 6;
    static final int TCP_INFO = 11;
    /** Offset of tcpi_total_retrans: 8 bytes of u8 fields, then 23 u32 fields before it. */
    static final int TOTAL_RETRANS_OFFSET = 100;
    static final int STRUCT_BYTES = 232;

    interface C extends Library {
        int getsockopt(int fd, int level, int option, byte[] value, IntByReference length);
    }

    private static volatile C c;
    private static volatile Method fdVal;
    private static volatile String unavailable;

    private TcpInfo() {
    }

    private static synchronized boolean load() {
        if (c != null || unavailable != null) {
            return c != null;
        }
        try {
            Method m = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            m.invoke(SocketChannel.open()); // fails here when the package is not exported to us
            fdVal = m;
        } catch (ReflectiveOperationException | RuntimeException | java.io.IOException e) {
            unavailable = "the channel's file descriptor is not reachable (needs --add-exports "
                    + "java.base/sun.nio.ch=ALL-UNNAMED): " + e;
            return false;
        }
        try {
            c = Native.load("c", C.class);
        } catch (Throwable t) { // UnsatisfiedLinkError, IllegalCallerException
            unavailable = "cannot load libc through JNA: " + t;
            return false;
        }
        return true;
    }

    /** Why {@link #totalRetransmits} answers -1, or null when it can read the count. */
    public static String unavailableReason() {
        load();
        return unavailable;
    }

    /** Segments the kernel retransmitted on this connection since it opened, or -1 where not readable. */
    public static long totalRetransmits(SocketChannel channel) {
        if (!load()) {
            return -1;
        }
        try {
            int fd = (Integer) fdVal.invoke(channel);
            byte[] info = new byte[STRUCT_BYTES];
            IntByReference len = new IntByReference(info.length);
            if (c.getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, len) != 0
                    || len.getValue() < TOTAL_RETRANS_OFFSET + Integer.BYTES) {
                return -1;
            }
            return totalRetransmits(info);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** tcpi_total_retrans of a {@code struct tcp_info} as the kernel wrote it (native byte order). */
    static long totalRetransmits(byte[] info) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(info).order(ByteOrder.nativeOrder())
                .getInt(TOTAL_RETRANS_OFFSET));
    }
}
