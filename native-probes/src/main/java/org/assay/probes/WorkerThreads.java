package org.assay.probes;

import org.assay.probes.internal.SysFiles;
import org.assay.probes.topology.CpuList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which threads of this process are the benchmark's workers, so the per-iteration hardware
 * counters count them and nothing else (not JMH's control thread, the JIT or the collector).
 *
 * <p>A worker is recognised by its affinity: each pins itself to exactly one of the planned CPUs
 * before it runs the benchmark, while every other thread keeps the process's whole mask. Names
 * cannot tell them apart: the kernel keeps 15 characters of a thread's name, and JMH names
 * workers after the benchmark. Without planned CPUs (a plain JMH run) the workers cannot be
 * told from the rest, and every thread but the caller's is counted.
 */
final class WorkerThreads {

    private WorkerThreads() {
    }

    /**
     * The thread ids under {@code taskDir} ({@code /proc/self/task}) that are workers on
     * {@code workerCpus}; with no worker CPUs, every thread except {@code callerTid}.
     */
    static List<Integer> select(Path taskDir, List<Integer> workerCpus, int callerTid) {
        List<Integer> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(taskDir)) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                int tid;
                try {
                    tid = Integer.parseInt(t.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (workerCpus.isEmpty() ? tid != callerTid : isWorker(t, workerCpus)) {
                    tids.add(tid);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        tids.sort(null);
        return tids;
    }

    private static boolean isWorker(Path task, List<Integer> workerCpus) {
        Optional<String> allowed = SysFiles.read(task.resolve("status")).flatMap(WorkerThreads::allowedList);
        if (allowed.isEmpty()) {
            return false;      // the thread ended between the listing and the read
        }
        List<Integer> cpus = CpuList.parse(allowed.get());
        return cpus.size() == 1 && workerCpus.contains(cpus.get(0));
    }

    private static Optional<String> allowedList(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return Optional.of(line.substring("Cpus_allowed_list:".length()).strip());
            }
        }
        return Optional.empty();
    }

    /** This thread's id, from {@code /proc/thread-self}; -1 when it cannot be read. */
    static int callerTid() {
        try {
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
