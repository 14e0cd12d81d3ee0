package io.kolladoctor.fixes.evacuation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.parse.MalformedException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Nova requests an evacuation makes, typed, over the session's {@link Actions}. Reads use the compute
 * microversion of the sweep (2.11, which has {@code forced_down}); {@code evacuate} with a target uses 2.29, so the
 * scheduler still checks the target (filters, anti-affinity) instead of being bypassed. Every request that changes
 * something is handed to the {@link Recorder} (the audit log) with its answer, before the caller sees it.
 */
public final class Nova {

    /** Where each mutating request and its answer go. */
    @FunctionalInterface
    public interface Recorder {
        void record(String request, ApiResult result) throws IOException;
    }

    /** A request Nova refused or could not answer. */
    public static final class NovaException extends IOException {
        private final int status;

        NovaException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    static final String EVACUATE_MICROVERSION = "2.29";
    private static final int PAGE = 500;

    private final Actions actions;
    private final Recorder recorder;

    public Nova(Actions actions, Recorder recorder) {
        this.actions = actions;
        this.recorder = recorder;
    }

    // ---- reads ----

    public List<NovaService> computeServices() throws IOException {
        List<NovaService> services = new ArrayList<>();
        for (JsonNode s : list("os-services?binary=nova-compute", "services")) {
            services.add(new NovaService(Json.text(s, "id"), Json.text(s, "host"), Json.text(s, "zone"),
                    "up".equals(Json.text(s, "state")), "enabled".equals(Json.text(s, "status")),
                    Json.bool(s, "forced_down", false), Json.text(s, "disabled_reason"), Json.text(s, "updated_at")));
        }
        return services;
    }

    public List<Hypervisor> hypervisors() throws IOException {
        List<Hypervisor> hypervisors = new ArrayList<>();
        for (JsonNode h : list("os-hypervisors/detail", "hypervisors")) {
            String host = Json.text(h.path("service"), "host");
            hypervisors.add(new Hypervisor(host != null ? host : Json.text(h, "hypervisor_hostname"),
                    Json.number(h, "memory_mb", 0), Json.number(h, "memory_mb_used", 0),
                    Json.number(h, "local_gb", 0), Json.number(h, "local_gb_used", 0)));
        }
        return hypervisors;
    }

    /** Every instance Nova places on {@code host}, all projects, page by page. */
    public List<NovaServer> serversOn(String host) throws IOException {
        List<NovaServer> servers = new ArrayList<>();
        String marker = null;
        while (true) {
            String path = "servers/detail?all_tenants=1&host=" + encode(host) + "&limit=" + PAGE
                    + (marker == null ? "" : "&marker=" + encode(marker));
            List<JsonNode> page = list(path, "servers");
            page.forEach(s -> servers.add(server(s)));
            if (page.size() < PAGE) {
                return servers;
            }
            marker = Json.text(page.getLast(), "id");
        }
    }

    public NovaServer server(String id) throws IOException {
        return server(body(get("servers/" + encode(id))).path("server"));
    }

    public List<ServerGroup> serverGroups() throws IOException {
        List<ServerGroup> groups = new ArrayList<>();
        for (JsonNode g : list("os-server-groups?all_projects=True", "server_groups")) {
            String policy = Json.text(g, "policy"); // 2.64+
            if (policy == null && g.path("policies").isArray() && !g.path("policies").isEmpty()) {
                policy = g.path("policies").get(0).asText();
            }
            List<String> members = new ArrayList<>();
            g.path("members").forEach(m -> members.add(m.asText()));
            groups.add(new ServerGroup(Json.text(g, "id"), Json.text(g, "name"), policy, members));
        }
        return groups;
    }

    public Map<String, Flavor> flavors() throws IOException {
        return list("flavors/detail?is_public=None", "flavors").stream()
                .map(f -> new Flavor(Json.text(f, "id"), Json.text(f, "name"), Json.number(f, "ram", 0),
                        (int) Json.number(f, "vcpus", 0), Json.number(f, "disk", 0)))
                .collect(Collectors.toMap(Flavor::id, f -> f, (a, b) -> a));
    }

    // ---- changes (each recorded) ----

    public void forceDown(String host, boolean down) throws IOException {
        change("PUT", "os-services/force-down", "{\"host\": " + quote(host)
                + ", \"binary\": \"nova-compute\", \"forced_down\": " + down + "}", null);
    }

    public void disable(String host, String reason) throws IOException {
        change("PUT", "os-services/disable-log-reason", "{\"host\": " + quote(host)
                + ", \"binary\": \"nova-compute\", \"disabled_reason\": " + quote(reason) + "}", null);
    }

    public void enable(String host) throws IOException {
        change("PUT", "os-services/enable", "{\"host\": " + quote(host) + ", \"binary\": \"nova-compute\"}", null);
    }

    public void lock(String id) throws IOException {
        action(id, "{\"lock\": null}", null);
    }

    public void unlock(String id) throws IOException {
        action(id, "{\"unlock\": null}", null);
    }

    /** {@code os-resetState}: {@code error} or {@code active}. */
    public void resetState(String id, String state) throws IOException {
        action(id, "{\"os-resetState\": {\"state\": " + quote(state) + "}}", null);
    }

    public void stop(String id) throws IOException {
        action(id, "{\"os-stop\": null}", null);
    }

    /** Rebuilds the instance on {@code target}, or where the scheduler picks when null. */
    public void evacuate(String id, String target) throws IOException {
        action(id, target == null ? "{\"evacuate\": {}}" : "{\"evacuate\": {\"host\": " + quote(target) + "}}",
                EVACUATE_MICROVERSION);
    }

    // ---- plumbing ----

    private void action(String id, String body, String microversion) throws IOException {
        change("POST", "servers/" + encode(id) + "/action", body, microversion);
    }

    private void change(String method, String path, String body, String microversion) throws IOException {
        ApiResult result = actions.call(method, "compute", "/" + path, body, microversion);
        recorder.record(method + " compute /" + path + " " + body, result);
        if (!result.ok()) {
            throw new NovaException(method + " /" + path + ": HTTP " + result.status() + " " + message(result.body()),
                    result.status());
        }
    }

    private ApiResult get(String path) throws IOException {
        ApiResult result = actions.call("GET", "compute", "/" + path, null);
        if (!result.ok()) {
            throw new NovaException("GET /" + path + ": HTTP " + result.status() + " " + message(result.body()),
                    result.status());
        }
        return result;
    }

    private List<JsonNode> list(String path, String field) throws IOException {
        try {
            return Json.list(body(get(path)), field);
        } catch (MalformedException e) {
            throw new IOException("GET /" + path + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode body(ApiResult result) throws IOException {
        try {
            return Json.parse(result.body());
        } catch (MalformedException e) {
            throw new IOException(result.request() + ": " + e.getMessage(), e);
        }
    }

    private static NovaServer server(JsonNode s) {
        JsonNode image = s.path("image");
        // a volume-backed instance has "image": "" (no image); an image-backed one an object with an id
        boolean volumeBacked = !image.isObject() || image.path("id").asText("").isEmpty();
        String fault = Json.text(s.path("fault"), "message");
        return new NovaServer(Json.text(s, "id"), Json.text(s, "name"), Json.text(s, "OS-EXT-SRV-ATTR:host"),
                Json.text(s, "status"), Json.text(s, "OS-EXT-STS:vm_state"), Json.text(s, "OS-EXT-STS:task_state"),
                Json.bool(s, "locked", false), volumeBacked, Json.text(s.path("flavor"), "id"), fault);
    }

    /** Nova's error bodies: {@code {"badRequest": {"message": "…", "code": 400}}}. */
    static String message(String body) {
        try {
            JsonNode node = Json.parse(body);
            for (JsonNode value : node) {
                String text = Json.text(value, "message");
                if (text != null) {
                    return text;
                }
            }
        } catch (MalformedException e) {
            // not JSON: the text itself
        }
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    static String quote(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
