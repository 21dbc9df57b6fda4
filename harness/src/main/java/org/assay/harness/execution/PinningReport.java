package org.assay.harness.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the workers of one invocation reported about their placement (written by
 * {@code WorkerPinning} inside the forks: {@code worker,requested,observed,phase,detail}).
 */
record PinningReport(List<Integer> observedCpus, List<String> problems) {

    static PinningReport read(Path file, List<Integer> requested) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(file)) {
            problems.add("no worker reported its CPU: placement unknown");
            return new PinningReport(List.of(), problems);
        }
        TreeMap<Integer, Integer> firstObserved = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(",", 5);
            if (f.length < 4) {
                continue;
            }
            int worker = Integer.parseInt(f[0]);
            int req = Integer.parseInt(f[1]);
            int obs = Integer.parseInt(f[2]);
            String detail = f.length > 4 ? f[4].trim() : "";
            firstObserved.putIfAbsent(worker, obs);
            if (req >= 0 && obs != req) {
                String p = "worker " + worker + " planned on CPU " + req + " ran on CPU " + obs + " (" + f[3] + ")";
                if (!problems.contains(p)) {
                    problems.add(p);
                }
            }
            if (!detail.isEmpty() && !problems.contains(detail)) {
                problems.add(detail);
            }
        }
        List<Integer> observed = new ArrayList<>(firstObserved.values());
        if (observed.size() != requested.size()) {
            problems.add(observed.size() + " of " + requested.size() + " workers reported their CPU");
        }
        return new PinningReport(observed, problems);
    }
}
