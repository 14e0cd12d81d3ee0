package io.kolladoctor.deployment.facts.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.Fact;
import io.kolladoctor.deployment.facts.FactRequest;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.parse.MalformedException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Containers of one host's Docker engine, from the list body and each container's inspect body. */
public final class DockerContainers {

    /** Docker writes this for a container that never started or never finished. */
    private static final Instant DOCKER_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private DockerContainers() {
    }

    public static FactRequest listRequest(String host) {
        return FactRequest.host(host, "docker/containers.json");
    }

    public static FactRequest inspectRequest(String host, String name) {
        return FactRequest.host(host, "docker/inspect/" + name + ".json");
    }

    public static Fact<JsonNode> list(String host) {
        return Fact.of(listRequest(host), "Docker container list", m -> Json.parse(m.text()));
    }

    public static Fact<JsonNode> inspect(String host, String name) {
        return Fact.of(inspectRequest(host, name), "Docker inspect", m -> Json.parse(m.text()));
    }

    /**
     * Every container of the host (all states), each enriched by its inspect body when there is one.
     * A missing or broken inspect body leaves that container with list data only, rather than losing the host.
     */
    public static List<DockerContainer> of(Facts facts, String host) throws FactUnavailableException {
        JsonNode list = facts.get(list(host));
        List<JsonNode> items;
        try {
            items = Json.list(list, "containers");
        } catch (MalformedException e) {
            throw new FactUnavailableException(listRequest(host), FactUnavailableException.Kind.MALFORMED,
                    listRequest(host).describe() + ": " + e.getMessage());
        }
        List<DockerContainer> containers = new ArrayList<>();
        for (JsonNode item : items) {
            String name = name(item);
            if (name == null) {
                continue;
            }
            Optional<JsonNode> inspect;
            try {
                inspect = facts.find(inspect(host, name));
            } catch (FactUnavailableException e) {
                inspect = Optional.empty();
            }
            containers.add(from(host, name, item, inspect.orElse(null)));
        }
        return containers;
    }

    static String name(JsonNode listItem) {
        JsonNode names = listItem.path("Names");
        if (names.isArray() && !names.isEmpty()) {
            String n = names.get(0).asText();
            return n.startsWith("/") ? n.substring(1) : n;
        }
        return null;
    }

    static DockerContainer from(String host, String name, JsonNode item, JsonNode inspect) {
        String source = host + ": docker " + (inspect == null ? "ps -a" : "inspect " + name);
        if (inspect == null) {
            return new DockerContainer(host, Json.text(item, "Id"), name, Json.text(item, "Image"),
                    Json.text(item, "State"), Json.text(item, "Status"), null, null, null, null, null,
                    Json.strings(item.path("Labels")), null, source);
        }
        JsonNode state = inspect.path("State");
        return new DockerContainer(host, Json.text(item, "Id"), name,
                Optional.ofNullable(Json.text(inspect.path("Config"), "Image")).orElse(Json.text(item, "Image")),
                Optional.ofNullable(Json.text(state, "Status")).orElse(Json.text(item, "State")),
                Json.text(item, "Status"),
                state.has("ExitCode") ? (int) Json.number(state, "ExitCode", 0) : null,
                time(Json.text(state, "StartedAt")),
                time(Json.text(state, "FinishedAt")),
                inspect.has("RestartCount") ? (int) Json.number(inspect, "RestartCount", 0) : null,
                Json.text(Json.at(inspect, "HostConfig", "RestartPolicy"), "Name"),
                Json.strings(Json.at(inspect, "Config", "Labels")),
                health(state.path("Health")),
                source);
    }

    static ContainerHealth health(JsonNode health) {
        if (!health.isObject()) {
            return null;
        }
        JsonNode log = health.path("Log");
        ContainerHealth.Probe last = null;
        if (log.isArray() && !log.isEmpty()) {
            JsonNode probe = log.get(log.size() - 1);
            last = new ContainerHealth.Probe(time(Json.text(probe, "End")), (int) Json.number(probe, "ExitCode", -1),
                    Optional.ofNullable(Json.text(probe, "Output")).orElse("").strip());
        }
        return new ContainerHealth(Json.text(health, "Status"), (int) Json.number(health, "FailingStreak", 0), last);
    }

    /** Docker's RFC 3339 times with nanoseconds; the zero time means "never". */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant t = Instant.parse(text);
            return t.equals(DOCKER_ZERO_TIME) ? null : t;
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
