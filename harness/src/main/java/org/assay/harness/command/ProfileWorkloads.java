package org.assay.harness.command;

import org.assay.profiles.AcceptanceRule;
import org.assay.profiles.ExpectedResult;
import org.assay.profiles.Profile;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The workloads {@code assay run --profile} runs: those the profile's expected results and rules
 * name ({@code memory.latency.level} is derived from {@code memory.latency.chase}, so it brings
 * the chase), or every workload when the profile names none (a spec-only profile judges whatever
 * was measured against its limits and checks the inventory).
 */
final class ProfileWorkloads {

    private ProfileWorkloads() {
    }

    static List<Workload> of(Profile profile) {
        Set<String> metrics = new TreeSet<>();
        profile.expected().stream().map(ExpectedResult::key).forEach(k -> metrics.add(k.metric()));
        profile.acceptance().rules().stream().map(AcceptanceRule::key).forEach(k -> metrics.add(k.metric()));
        if (metrics.remove("memory.latency.level")) {
            metrics.add("memory.latency.chase");
        }
        List<Workload> named = Workloads.all().stream().filter(w -> metrics.contains(w.id())).toList();
        return named.isEmpty() ? Workloads.all() : named;
    }
}
