package io.kolladoctor.app.tui.data;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.sweep.SweepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the console knows at one moment, immutable: the source, the sweep (its progress while it runs,
 * findings as each check finishes, the last complete result) and one {@link Section} per inventory view.
 * The refresher publishes a new state for every change; views only ever read one.
 */
public record ConsoleState(Phase phase, String source, String sourceError, Instant asOf, int checksDone,
                           int checksTotal, List<Finding> partial, SweepResult sweep, Instant refreshedAt,
                           int sweeps, Section<ContainerRow> containers, Section<PodRow> pods,
                           Section<ServiceRow> services, Section<EndpointRow> endpoints,
                           Section<ClusterRow> clusters, Section<AlarmRow> alarms) {

    /** Where the console is in its cycle. */
    public enum Phase {
        /** The source is being opened (a snapshot unpacked, a live source connecting). */
        OPENING,
        /** A sweep is running. */
        SWEEPING,
        /** The last sweep finished. */
        IDLE,
        /** The source could not be opened: {@link #sourceError()} says why. */
        FAILED
    }

    public ConsoleState {
        partial = List.copyOf(partial);
    }

    public static ConsoleState initial() {
        return new ConsoleState(Phase.OPENING, null, null, null, 0, 0, List.of(), null, null, 0,
                Section.pending(), Section.pending(), Section.pending(), Section.pending(), Section.pending(),
                Section.pending());
    }

    /**
     * The findings to show, worst first: the last complete sweep's; during the first sweep, those of the
     * checks finished so far.
     */
    public List<Finding> findings() {
        if (sweep != null) {
            return sweep.findings();
        }
        List<Finding> sorted = new ArrayList<>(partial);
        sorted.sort(SweepResult.WORST_FIRST);
        return sorted;
    }

    public Map<Status, Long> counts() {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        findings().forEach(f -> counts.merge(f.status(), 1L, Long::sum));
        return counts;
    }

    public boolean sweeping() {
        return phase == Phase.SWEEPING || phase == Phase.OPENING;
    }

    ConsoleState opening() {
        return new ConsoleState(Phase.OPENING, source, null, asOf, 0, 0, List.of(), sweep, refreshedAt, sweeps,
                containers, pods, services, endpoints, clusters, alarms);
    }

    ConsoleState failed(String reason) {
        return new ConsoleState(Phase.FAILED, source, reason, asOf, 0, 0, List.of(), sweep, refreshedAt, sweeps,
                Section.failed(reason), Section.failed(reason), Section.failed(reason), Section.failed(reason),
                Section.failed(reason), Section.failed(reason));
    }

    ConsoleState sweeping(String describe, Instant when, int total) {
        return new ConsoleState(Phase.SWEEPING, describe, null, when, 0, total, List.of(), sweep, refreshedAt, sweeps,
                containers.reloading(), pods.reloading(), services.reloading(), endpoints.reloading(),
                clusters.reloading(), alarms.reloading());
    }

    ConsoleState checkDone(List<Finding> found, int done, int total) {
        List<Finding> all = new ArrayList<>(partial);
        all.addAll(found);
        return new ConsoleState(phase, source, sourceError, asOf, done, total, all, sweep, refreshedAt, sweeps,
                containers, pods, services, endpoints, clusters, alarms);
    }

    ConsoleState swept(SweepResult result, Instant at) {
        return new ConsoleState(Phase.IDLE, source, sourceError, asOf, checksTotal, checksTotal, List.of(), result, at,
                sweeps + 1, containers, pods, services, endpoints, clusters, alarms);
    }

    ConsoleState withContainers(Section<ContainerRow> s) {
        return new ConsoleState(phase, source, sourceError, asOf, checksDone, checksTotal, partial, sweep, refreshedAt,
                sweeps, s, pods, services, endpoints, clusters, alarms);
    }

    ConsoleState withPods(Section<PodRow> s) {
        return new ConsoleState(phase, source, sourceError, asOf, checksDone, checksTotal, partial, sweep, refreshedAt,
                sweeps, containers, s, services, endpoints, clusters, alarms);
    }

    ConsoleState withServices(Section<ServiceRow> s, Section<EndpointRow> e) {
        return new ConsoleState(phase, source, sourceError, asOf, checksDone, checksTotal, partial, sweep, refreshedAt,
                sweeps, containers, pods, s, e, clusters, alarms);
    }

    ConsoleState withClusters(Section<ClusterRow> s) {
        return new ConsoleState(phase, source, sourceError, asOf, checksDone, checksTotal, partial, sweep, refreshedAt,
                sweeps, containers, pods, services, endpoints, s, alarms);
    }

    ConsoleState withAlarms(Section<AlarmRow> s) {
        return new ConsoleState(phase, source, sourceError, asOf, checksDone, checksTotal, partial, sweep, refreshedAt,
                sweeps, containers, pods, services, endpoints, clusters, s);
    }
}
