package io.kolladoctor.fixes.evacuation;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * The read-only first stage: is the host really dead, and is it one host rather than an outage?
 * <ol>
 * <li>its nova-compute is down (or forced down) — a host whose nova-compute is up is alive: refused;</li>
 * <li>it fails its reachability probes {@code error_count} rounds in a row (management address from the inventory,
 * storage address from {@code node_storage_ip_info}) — a host that answers may still write to shared disks:
 * refused;</li>
 * <li>the valve: every compute host is probed and its BMC read, and too many failing at once is refused.</li>
 * </ol>
 * Nothing here changes anything; the same stage runs for {@code --plan}.
 */
public final class Preflight {

    /** The outcome: {@code refusal} is null when the evacuation may go on. */
    public record Result(String host, NovaService service, List<NovaService> computes, PowerState power,
                         Valve.Verdict valve, List<String> trail, String refusal) {
        public boolean go() {
            return refusal == null;
        }
    }

    private final Nova nova;
    private final Bmcs bmcs;
    private final Probes probes;
    private final UmhaSite site;
    private final Map<String, List<String>> managementAddresses;
    private final Duration roundInterval;
    private final EvacuationOperator operator;

    public Preflight(Nova nova, Bmcs bmcs, Probes probes, UmhaSite site, Map<String, List<String>> managementAddresses,
                     Duration roundInterval, EvacuationOperator operator) {
        this.nova = nova;
        this.bmcs = bmcs;
        this.probes = probes;
        this.site = site;
        this.managementAddresses = managementAddresses;
        this.roundInterval = roundInterval;
        this.operator = operator;
    }

    public Result run(String host) throws IOException {
        List<String> trail = new ArrayList<>();
        List<NovaService> computes = nova.computeServices();
        Optional<NovaService> found = computes.stream().filter(s -> s.host().equals(host)).findFirst();
        if (found.isEmpty()) {
            return new Result(host, null, computes, null, null, trail, "Nova has no nova-compute on " + host + " (known: "
                    + String.join(", ", computes.stream().map(NovaService::host).sorted().toList()) + ")");
        }
        NovaService service = found.get();
        note(trail, "nova-compute on " + host + ": " + service.describe() + ", last heartbeat " + service.updatedAt());
        if (service.up() && !service.forcedDown()) {
            return new Result(host, service, computes, null, null, trail, "nova-compute on " + host
                    + " is up: the host is alive. Evacuating a running host puts two copies of its instances on the same "
                    + "disks. Nothing was changed.");
        }
        Set<String> computeHosts = new HashSet<>(computes.stream().map(NovaService::host).toList());
        Set<String> unreachable = probeRounds(host, computeHosts, trail);
        if (!unreachable.contains(host) && !addresses(host).isEmpty()) {
            return new Result(host, service, computes, null, null, trail, host + " still answers on the network although "
                    + "nova-compute is down: it may still be writing to shared disks. Repair nova-compute there, or power "
                    + "the host off first (its BMC), then run this again. Nothing was changed.");
        }
        Map<String, PowerState> power = powerStates(computeHosts);
        PowerState hostPower = power.getOrDefault(host, PowerState.unknown("no BMC for " + host + " in ipmi_info"));
        note(trail, "BMC of " + host + ": power " + hostPower);
        Set<String> off = new HashSet<>();
        power.forEach((h, p) -> {
            if (p.isOff()) {
                off.add(h);
            }
        });
        Set<String> down = new HashSet<>(computes.stream().filter(s -> !s.up() || s.forcedDown()).map(NovaService::host).toList());
        Valve.Verdict valve = Valve.judge(site.config().valve(), computeHosts.size(), unreachable, off, down);
        valve.lines().forEach(line -> note(trail, "valve: " + line));
        if (!valve.open()) {
            return new Result(host, service, computes, hostPower, valve, trail, "the valve is closed: "
                    + String.join("; ", valve.gauges().stream().filter(Valve.Gauge::reached).map(Valve.Gauge::describe).toList())
                    + ". So many failures at once is an outage (network, storage, power), not a failed host: "
                    + "evacuating would make it worse. Nothing was changed.");
        }
        return new Result(host, service, computes, hostPower, valve, trail, null);
    }

    private List<String> addresses(String host) {
        List<String> all = new ArrayList<>(managementAddresses.getOrDefault(host, List.of()));
        String storage = site.storageIps().get(host);
        if (storage != null && !all.contains(storage)) {
            all.add(storage);
        }
        return all;
    }

    /**
     * {@code error_count} rounds over every compute host; returns the hosts that answered in none. Stops early when
     * the failed host answers, since that alone refuses.
     */
    private Set<String> probeRounds(String host, Set<String> computeHosts, List<String> trail) throws IOException {
        int rounds = site.config().valve().errorCount();
        List<String> targetAddresses = addresses(host);
        if (targetAddresses.isEmpty()) {
            note(trail, "no address to probe for " + host + " (not in the inventory, not in node_storage_ip_info): "
                    + "only the BMC can prove it is off");
        }
        Set<String> silent = new HashSet<>(computeHosts);
        silent.removeIf(h -> addresses(h).isEmpty());
        for (int round = 1; round <= rounds && !silent.isEmpty(); round++) {
            Set<String> answered = probeAll(silent);
            silent.removeAll(answered);
            note(trail, "probe round " + round + "/" + rounds + ": " + (silent.contains(host) ? host + " silent on "
                    + String.join(", ", targetAddresses) : host + " answers")
                    + (answered.isEmpty() ? "" : "; answering: " + answered.stream().sorted().toList()));
            if (!silent.contains(host) || round == rounds) {
                break;
            }
            sleep(roundInterval);
        }
        return silent;
    }

    private Set<String> probeAll(Set<String> hosts) throws IOException {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        int tries = site.config().pingCount();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (String h : hosts) {
                for (String address : addresses(h)) {
                    all.add(pool.submit(() -> {
                        for (int i = 0; i < tries; i++) {
                            if (probes.answers(address, Duration.ofSeconds(1))) {
                                answered.add(h);
                                return;
                            }
                        }
                    }));
                }
            }
            waitAll(all);
        }
        return answered;
    }

    private Map<String, PowerState> powerStates(Set<String> hosts) throws IOException {
        Map<String, PowerState> states = new ConcurrentHashMap<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (String h : hosts) {
                BmcAccess bmc = site.bmcs().get(h);
                if (bmc != null) {
                    all.add(pool.submit(() -> states.put(h, bmcs.status(bmc))));
                }
            }
            waitAll(all);
        }
        return states;
    }

    private static void waitAll(List<Future<?>> all) throws IOException {
        for (Future<?> f : all) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    private void note(List<String> trail, String line) {
        trail.add(line);
        operator.say("  " + line);
    }

    static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
