package io.kolladoctor.fixes.evacuation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * UMHA's valve: when too many compute hosts fail at once, the cause is the network or the storage, not the hosts,
 * and evacuating would make it worse. Each kind of failure has a count and a ratio of all compute hosts; reaching
 * either refuses. UMHA's "panic" pair counts hosts its agents report dead; here that is nova-compute down.
 */
public final class Valve {

    /** One row of the valve: how many hosts failed this way, and the limits it is held to. */
    public record Gauge(String kind, Set<String> hosts, int total, int limitNumber, double limitRatio) {
        public boolean reached() {
            return hosts.size() >= limitNumber || (total > 0 && (double) hosts.size() / total >= limitRatio);
        }

        public String describe() {
            return String.format(Locale.ROOT, "%s: %d of %d compute hosts (%.2f) %s — limits %d / %.2f%s", kind,
                    hosts.size(), total, total == 0 ? 0.0 : (double) hosts.size() / total,
                    hosts.isEmpty() ? "" : hosts.stream().sorted().toList().toString(), limitNumber, limitRatio,
                    reached() ? " REACHED" : "");
        }
    }

    public record Verdict(List<Gauge> gauges) {
        public boolean open() {
            return gauges.stream().noneMatch(Gauge::reached);
        }

        public List<String> lines() {
            return gauges.stream().map(Gauge::describe).toList();
        }
    }

    private Valve() {
    }

    public static Verdict judge(UmhaConfig.Valve valve, int computes, Set<String> unreachable, Set<String> poweredOff,
                                Set<String> novaDown) {
        List<Gauge> gauges = new ArrayList<>();
        gauges.add(new Gauge("unreachable (storage/management network)", Set.copyOf(unreachable), computes,
                valve.storageNumber(), valve.storageRatio()));
        gauges.add(new Gauge("powered off (BMC)", Set.copyOf(poweredOff), computes, valve.powerOffNumber(),
                valve.powerOffRatio()));
        gauges.add(new Gauge("nova-compute down", Set.copyOf(novaDown), computes, valve.panicNumber(), valve.panicRatio()));
        return new Verdict(gauges);
    }
}
