package org.assay.harness.execution;

import org.assay.harness.plan.PlanEntry;
import org.assay.harness.plan.RunPlanner;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line of {@code assay run}: current workload and an ETA.
 *
 * <p>On a terminal it is a redrawn bar (progressbar) whose unit is estimated seconds, ticking
 * while an invocation runs. Off a terminal (CI logs) a redrawn bar would be one endless
 * {@code \r}-separated line, so {@code plain} prints one line per invocation
 * start, with the ETA rescaled by how the finished invocations compared with their estimates.
 */
public final class ProgressReporter implements AutoCloseable {

    public enum Mode { auto, plain, none }

    private final Mode mode;
    private final PrintWriter out;
    private final List<PlanEntry> plan;
    private final double totalEstimate;
    private final long startNanos = System.nanoTime();
    private double doneEstimate;
    private ProgressBar bar;
    private ScheduledExecutorService ticker;
    private volatile long currentStartNanos;
    private volatile double currentEstimate;

    /**
     * Whether the process talks to a terminal: a {@code System.console()}, and from JDK 22 on its
     * {@code isTerminal()}, since there a console exists even when output is redirected to a file.
     */
    public static boolean onTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;      // JDK 17-21: a console is a terminal
        }
    }

    public ProgressReporter(Mode requested, PrintWriter out, List<PlanEntry> plan) {
        this.mode = requested == Mode.auto ? (onTerminal() ? Mode.auto : Mode.plain) : requested;
        this.out = out;
        this.plan = plan;
        this.totalEstimate = RunPlanner.totalSeconds(plan);
        if (mode == Mode.auto) {
            bar = new ProgressBarBuilder().setTaskName("assay run")
                    .setInitialMax(Math.max(1, Math.round(totalEstimate)))
                    .setUnit(" s", 1).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setConsumer(new DelegatingProgressBarConsumer(this::redraw))
                    .build();
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "assay-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    void started(int index, PlanEntry e) {
        currentStartNanos = System.nanoTime();
        currentEstimate = e.estimatedSeconds();
        switch (mode) {
            case auto -> bar.setExtraMessage("[" + (index + 1) + "/" + plan.size() + "] " + e.invocationId());
            case plain -> {
                out.println("[" + (index + 1) + "/" + plan.size() + "] " + e.invocationId()
                        + "  elapsed " + fmt(elapsedSeconds()) + "  ETA " + fmt(remainingSeconds()));
                out.flush();
            }
            case none -> { }
        }
    }

    void finished(PlanEntry e, String outcome) {
        doneEstimate += e.estimatedSeconds();
        currentEstimate = 0;
        if (mode == Mode.auto) {
            bar.stepTo(Math.round(doneEstimate));
        } else if (mode == Mode.plain) {
            out.println("      " + outcome);
            out.flush();
        }
    }

    /** Redraws the bar over itself, as the library's console consumer does, on the command's writer. */
    private void redraw(String rendered) {
        out.print('\r' + rendered);
        out.flush();
    }

    private void tick() {
        double inFlight = Math.min((System.nanoTime() - currentStartNanos) / 1e9, currentEstimate * 0.99);
        bar.stepTo(Math.round(doneEstimate + Math.max(0, inFlight)));
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Remaining estimate, scaled by how long the finished part took against its estimate. */
    private double remainingSeconds() {
        double remaining = totalEstimate - doneEstimate;
        if (doneEstimate > 0) {
            remaining *= elapsedSeconds() / doneEstimate;
        }
        return remaining;
    }

    public static String fmt(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0 ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                : String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (bar != null) {
            bar.close();
            out.println(); // end the redrawn line
            out.flush();
        }
    }
}
