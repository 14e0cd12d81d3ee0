package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ConfigFile;
import io.kolladoctor.deployment.facts.host.HeatLocalMetadata;
import io.kolladoctor.deployment.facts.host.HostFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The region the Heat agent of a server Heat created (a Magnum cluster node) uses to find Heat's endpoint,
 * from each place it is recorded: the node's {@code /etc/os-collect-config.conf} ({@code [heat] region_name},
 * rendered by os-apply-config, so JSON null reads {@code null}), its {@code heat_local.json} (Heat's boot-time
 * metadata), and Heat's current metadata of the server resource when it was collected (optional evidence).
 */
public final class HeatAgentRegion {

    public static final String OCC_CONF = "/etc/os-collect-config.conf";

    private HeatAgentRegion() {
    }

    /** One place the region is recorded; {@code unset}: null or empty, which the agent cannot use. */
    public record Region(boolean unset, Evidence evidence) {
    }

    /** What a node says: the regions found, and why a file of it could not be read (not absent: unreadable). */
    public record Reading(List<Region> regions, List<String> unreadable) {
        public boolean anyUnset() {
            return regions.stream().anyMatch(Region::unset);
        }

        public List<Evidence> evidence() {
            return regions.stream().map(Region::evidence).toList();
        }
    }

    /** Reads a node's files, then Heat's metadata of the server its heat_local.json names ({@code cloud} may be empty). */
    public static Reading ofNode(Facts facts, String node, Optional<String> cloud) {
        List<Region> regions = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try {
            facts.find(HostFiles.file(node, OCC_CONF)).flatMap(HeatAgentRegion::fromConf).ifPresent(regions::add);
        } catch (FactUnavailableException e) {
            unreadable.add(e.getMessage());
        }
        Optional<HeatLocalMetadata> local = Optional.empty();
        try {
            local = facts.find(HeatLocalMetadata.of(node));
        } catch (FactUnavailableException e) {
            unreadable.add(e.getMessage());
        }
        local.flatMap(HeatAgentRegion::fromMetadata).ifPresent(regions::add);
        local.filter(l -> l.stackUuid() != null && l.resourceName() != null && cloud.isPresent())
                .flatMap(l -> ofResource(facts, cloud.get(), l.stackUuid(), l.resourceName()))
                .ifPresent(regions::add);
        return new Reading(List.copyOf(regions), List.copyOf(unreadable));
    }

    /** Heat's metadata of a server resource, when collected and readable. */
    public static Optional<Region> ofResource(Facts facts, String cloud, String stackUuid, String resourceName) {
        return OptionalFacts.bestEffort(facts, HeatLocalMetadata.ofResource(cloud, stackUuid, resourceName))
                .flatMap(HeatAgentRegion::fromMetadata);
    }

    private static Optional<Region> fromConf(ConfigFile conf) {
        return conf.ini().option("heat", "region_name").map(o -> new Region(HeatLocalMetadata.isUnsetRegion(o.value()),
                Evidence.line(conf.where(), o.line(), "[heat] region_name = " + o.value())));
    }

    /** {@code os-collect-config.heat.region_name}; no key at all (Heat before Rocky) says nothing. */
    private static Optional<Region> fromMetadata(HeatLocalMetadata metadata) {
        if (!metadata.regionPresent()) {
            return Optional.empty();
        }
        String shown = metadata.regionName() == null ? "null" : "\"" + metadata.regionName() + "\"";
        return Optional.of(new Region(metadata.regionUnset(), Evidence.field(metadata.source(),
                "os-collect-config.heat.region_name", "\"region_name\": " + shown)));
    }
}
