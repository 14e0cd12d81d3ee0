package io.kolladoctor.deployment.live.host;

import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Material;
import io.kolladoctor.deployment.model.Topology;
import java.time.Instant;

/** A fact source made of a host fetcher alone, so that the typed facts (DockerContainers, …) read live material. */
record FetcherSource(HostFetcher fetcher) implements FactSource {

    @Override
    public Material fetch(FactRequest request) throws FactUnavailableException {
        return fetcher.fetch(request);
    }

    @Override
    public String describe() {
        return "live hosts";
    }

    @Override
    public Topology topology() {
        return new Topology("lab", null, null, null);
    }

    @Override
    public Instant asOf() {
        return Instant.now();
    }
}
