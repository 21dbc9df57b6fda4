package org.assay.workloads.jmh;

import org.assay.workloads.fork.LatencyLog;
import org.assay.workloads.fork.StorageFiles;
import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.AioJob;
import org.assay.workloads.kernel.BlockData;
import org.assay.workloads.kernel.DirectFile;
import org.assay.workloads.kernel.IoEngine;
import org.assay.workloads.kernel.IoJob;
import org.assay.workloads.kernel.IoPattern;
import org.assay.workloads.kernel.PageCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH wrapper of {@link IoJob}: metrics {@code storage.*}. One operation is one I/O of
 * {@code blockSize} bytes (or one write and its fdatasync for {@code storage.fsync}); the score is
 * IOPS summed over the jobs, which the harness turns into MB/s for the sequential patterns.
 *
 * <p>With {@code queueDepth} above 1 each job is an {@link AioJob} (Linux AIO, direct I/O only)
 * keeping that many requests in flight, and one operation is one reaped completion.
 *
 * <p>JMH's threads are fio's jobs: each pins itself, opens its own channel on the one test file
 * and works on its own slice of it (the file split in equal, block-aligned parts), one synchronous
 * I/O at a time. The file is created and filled once per fork (and rewritten
 * {@code preconditionPasses} more times, thorough's preconditioning), before the first iteration, in the
 * directory and the I/O mode the harness decided ({@link StorageFiles}), and removed at the end,
 * on Ctrl-C by a shutdown hook. Every measured operation's latency goes into the job's
 * HdrHistogram, written per iteration to {@link LatencyLog}; warm-up is not recorded. In buffered
 * mode the file's pages are dropped before every iteration, so each pass starts from the device.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StorageBench {

    @State(Scope.Benchmark)
    public static class TestFile {
        @Param("RAND_READ")
        public String pattern;
        @Param("4096")
        public int blockSize;
        @Param("67108864")
        public long fileBytes;
        @Param("70")
        public int readPercent;
        @Param("1")
        public int queueDepth;
        @Param("0")
        public int preconditionPasses;

        Path file;
        DirectFile.IoMode mode;
        int align;
        BlockData data;
        IoPattern kind;
        private Thread cleanup;

        @Setup(Level.Trial)
        public void create() throws IOException {
            kind = IoPattern.of(pattern);
            Path dir = Path.of(System.getProperty(StorageFiles.DIR_PROPERTY, "."));
            mode = "buffered".equals(System.getProperty(StorageFiles.IO_PROPERTY))
                    ? DirectFile.IoMode.BUFFERED_DROPPED : DirectFile.IoMode.DIRECT;
            String run = System.getProperty(StorageFiles.RUN_PROPERTY, "norun");
            file = StorageFiles.file(dir, run, kind.fioName().replace('+', '-') + "-" + ProcessHandle.current().pid());
            align = Math.toIntExact(Files.getFileStore(dir).getBlockSize());
            data = new BlockData(System.nanoTime() | 1);
            cleanup = StorageFiles.removeOnExit(file);
            DirectFile.create(file, fileBytes, data, mode, align);
            if (preconditionPasses > 0) {
                data = DirectFile.precondition(file, fileBytes, data, mode, align, preconditionPasses);
            }
        }

        @Setup(Level.Iteration)
        public void dropPages() throws IOException {
            if (mode == DirectFile.IoMode.BUFFERED_DROPPED) {
                PageCache.drop(file); // once per iteration, before any job starts it
            }
        }

        @TearDown(Level.Trial)
        public void remove() {
            StorageFiles.remove(List.of(file));
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it removes the file
            }
        }
    }

    @State(Scope.Thread)
    public static class Job {
        IoEngine io;
        LatencyLog log;
        int index;
        long iterationStart;
        boolean measuring;

        @Setup(Level.Trial)
        public void open(TestFile f, ThreadParams threads) throws IOException {
            index = threads.getThreadIndex();
            WorkerPinning.pin(index);
            long slice = f.fileBytes / threads.getThreadCount();
            slice -= slice % f.blockSize;
            long seed = f.data.seed() * 31 + index;
            if (f.queueDepth > 1) {
                if (f.mode != DirectFile.IoMode.DIRECT) {
                    // buffered AIO completes each request inside io_submit: it would be queue depth 1 under another name
                    throw new IllegalStateException("queueDepth " + f.queueDepth + " needs direct I/O, which "
                            + f.file.getParent() + " refused; use queueDepth=1 (more jobs: --threads)");
                }
                io = new AioJob(f.file, f.kind, f.blockSize, f.align, slice * index, slice, f.readPercent, f.data, seed,
                        f.queueDepth);
            } else {
                io = new IoJob(f.file, f.mode, f.kind, f.blockSize, f.align, slice * index, slice, f.readPercent,
                        f.data, seed);
            }
            log = LatencyLog.open(index);
        }

        @Setup(Level.Iteration)
        public void startIteration(IterationParams ip) {
            measuring = ip.getType() == IterationType.MEASUREMENT;
            io.recording(measuring);
            iterationStart = System.currentTimeMillis();
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            if (measuring && log != null) {
                log.interval(io.latency(), iterationStart, System.currentTimeMillis());
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            io.close();
            if (log != null) {
                log.close();
            }
            WorkerPinning.observe(index);
        }
    }

    @Benchmark
    public long io(Job j) throws IOException {
        return j.io.op();
    }
}
