package io.kolladoctor.app.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kolladoctor.deployment.facts.FactSource;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.fixes.PlanRunner;
import io.kolladoctor.fixes.evacuation.BmcAccess;
import io.kolladoctor.fixes.evacuation.Bmcs;
import io.kolladoctor.fixes.evacuation.PowerState;
import io.kolladoctor.fixes.evacuation.UmhaConfig;
import io.kolladoctor.fixes.evacuation.UmhaSite;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An evacuation without a lab (the few pieces of the fixes module's EvacuationFakes the console needs): Nova's
 * compute API in memory for cmp01..cmp03 (cmp01's nova-compute down, instances web-1 and web-2 on it), a BMC per host
 * that powers off at once, probes that only cmp02 and cmp03 answer (once released); armable on any source. Records every request.
 */
final class FakeCompute implements FixSession.Backend, Actions, Bmcs {

    static final List<String> HOSTS = List.of("cmp01", "cmp02", "cmp03");

    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> bmcCalls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, PowerState> power = new ConcurrentHashMap<>();
    final Set<String> forcedDown = ConcurrentHashMap.newKeySet();
    final Set<String> disabled = ConcurrentHashMap.newKeySet();
    /** Hosts whose nova-compute is down (cmp01 until its BMC powers it on again). */
    final Set<String> down = ConcurrentHashMap.newKeySet();
    /** The probes wait until it is counted down (to hold an evacuation in its preflight). */
    final CountDownLatch probesReleased;
    /** Instance id → host. */
    final Map<String, String> servers = Collections.synchronizedMap(new LinkedHashMap<>());

    FakeCompute(boolean holdProbes) {
        probesReleased = new CountDownLatch(holdProbes ? 1 : 0);
        HOSTS.forEach(h -> power.put(h, PowerState.on()));
        down.add("cmp01");
        servers.put("5e3f1a2b-7c1e-4d5a-9f0b-000000000001", "cmp01");
        servers.put("5e3f1a2b-7c1e-4d5a-9f0b-000000000002", "cmp01");
    }

    /** Settings with no waits, BMCs and storage addresses for every host; the history under {@code dir}. */
    EvacuationTools tools(Path dir) {
        Map<String, BmcAccess> bmcs = new LinkedHashMap<>();
        Map<String, String> storage = new LinkedHashMap<>();
        for (int i = 0; i < HOSTS.size(); i++) {
            bmcs.put(HOSTS.get(i), new BmcAccess(HOSTS.get(i), "10.2.0." + (11 + i), BmcAccess.IPMI_PORT, "admin", "Sup3r:Secr3t!"));
            storage.put(HOSTS.get(i), "10.1.0." + (11 + i));
        }
        List<String> problems = new ArrayList<>();
        UmhaConfig config = UmhaConfig.parse("""
                [DEFAULT]
                ipmi_check_interval = 0
                interval_check_nova_service = 0
                max_second_wait_for_service_down = 1
                seconds_before_check_vm_status = 0
                ping_count = 1
                [valve]
                error_count = 2
                """, UmhaConfig.defaults(true), problems);
        UmhaSite site = new UmhaSite(config, bmcs, storage, "test umha.conf", problems);
        // --umha-conf FILE reads FILE; UMHA's own place is this test site
        return new EvacuationTools((conf, shared) -> conf.equals(UmhaConfig.STANDARD) ? site : UmhaSite.load(conf, shared),
                this, (address, timeout) -> {
            try {
                if (!probesReleased.await(2, TimeUnit.MINUTES)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !address.equals("10.1.0.11");
        },
                dir.resolve("evacuate_history.jsonl"), Duration.ZERO);
    }

    /** Everything but the reads. */
    List<String> mutations() {
        synchronized (requests) {
            return requests.stream().filter(r -> !r.startsWith("GET ")).toList();
        }
    }

    // ---- the backend: armable anywhere, its actions this Nova

    @Override
    public String refusal(FactSource source) {
        return null;
    }

    @Override
    public Actions actions(FactSource source) {
        return this;
    }

    @Override
    public PlanRunner.Verifier verifier(FactSource source) {
        return id -> List.of();
    }

    // ---- BMCs

    @Override
    public PowerState status(BmcAccess bmc) {
        bmcCalls.add("status " + bmc.host());
        return power.get(bmc.host());
    }

    @Override
    public Result powerOff(BmcAccess bmc) {
        bmcCalls.add("off " + bmc.host());
        power.put(bmc.host(), PowerState.off());
        return new Result(true, "Chassis Power Control: Down/Off");
    }

    @Override
    public Result powerOn(BmcAccess bmc) {
        bmcCalls.add("on " + bmc.host());
        power.put(bmc.host(), PowerState.on());
        down.remove(bmc.host()); // its nova-compute starts with it
        return new Result(true, "Chassis Power Control: Up/On");
    }

    // ---- Nova

    @Override
    public CommandResult run(String host, List<String> argv, boolean sudo, Duration timeout) throws IOException {
        throw new IOException("an evacuation runs no host command");
    }

    @Override
    public ApiResult call(String method, String serviceType, String path, String jsonBody) throws IOException {
        return call(method, serviceType, path, jsonBody, null);
    }

    @Override
    public synchronized ApiResult call(String method, String serviceType, String path, String body, String microversion)
            throws IOException {
        requests.add(method + " " + path + (body == null ? "" : " " + body));
        String p = path.split("\\?", 2)[0];
        JsonNode json;
        try {
            json = body == null ? null : Json.parse(body);
        } catch (io.kolladoctor.deployment.parse.MalformedException e) {
            throw new IOException(e);
        }
        String host = json == null ? null : json.path("host").asText(null);
        switch (method + " " + p) {
            case "GET /os-services" -> {
                return ok(services());
            }
            case "GET /os-hypervisors/detail" -> {
                return ok(hypervisors());
            }
            case "GET /servers/detail" -> {
                String on = path.replaceAll(".*[?&]host=([^&]*).*", "$1");
                return ok(list("servers", servers.keySet().stream().filter(id -> servers.get(id).equals(on)).toList()));
            }
            case "GET /os-server-groups" -> {
                return ok("{\"server_groups\": []}");
            }
            case "GET /flavors/detail" -> {
                return ok("{\"flavors\": [{\"id\": \"2\", \"name\": \"m1.small\", \"ram\": 2048, \"vcpus\": 1, \"disk\": 20,"
                        + " \"OS-FLV-EXT-DATA:ephemeral\": 0, \"swap\": \"\", \"rxtx_factor\": 1.0,"
                        + " \"os-flavor-access:is_public\": true, \"links\": []}]}");
            }
            case "PUT /os-services/force-down" -> {
                boolean forced = json.path("forced_down").asBoolean();
                if (forced) {
                    forcedDown.add(host);
                } else {
                    forcedDown.remove(host);
                }
                return ok("{\"service\": {\"host\": \"" + host + "\", \"binary\": \"nova-compute\", \"forced_down\": "
                        + forced + "}}");
            }
            case "PUT /os-services/enable" -> {
                disabled.remove(host);
                return ok("{\"service\": {\"binary\": \"nova-compute\", \"host\": \"" + host + "\", \"status\": \"enabled\"}}");
            }
            case "PUT /os-services/disable-log-reason" -> {
                disabled.add(host);
                return ok("{\"service\": {\"binary\": \"nova-compute\", \"host\": \"" + host + "\", \"status\": \"disabled\"}}");
            }
            default -> { }
        }
        String id = p.replaceAll("^/servers/([^/]+).*", "$1");
        if (!servers.containsKey(id)) {
            return new ApiResult(404, "{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance " + id
                    + " could not be found.\"}}", method);
        }
        if (method.equals("GET")) {
            return ok("{\"server\": " + server(id) + "}");
        }
        if (json.has("evacuate")) {
            if (!forcedDown.contains(servers.get(id))) {
                return new ApiResult(400, "{\"badRequest\": {\"code\": 400, \"message\": \"Compute service of "
                        + servers.get(id) + " is still in use.\"}}", method);
            }
            servers.put(id, json.path("evacuate").path("host").asText("cmp02"));
        }
        return new ApiResult(202, "", method); // lock, unlock
    }

    private static ApiResult ok(String body) {
        return new ApiResult(200, body, "fake");
    }

    private String services() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (String h : HOSTS) {
            ObjectNode n = list.addObject();
            n.put("id", 7 + HOSTS.indexOf(h));
            n.put("binary", "nova-compute");
            n.put("host", h);
            n.put("zone", "nova");
            n.put("status", disabled.contains(h) ? "disabled" : "enabled");
            n.put("state", down.contains(h) || forcedDown.contains(h) ? "down" : "up");
            n.put("updated_at", "2025-03-14T09:26:53.000000");
            n.putNull("disabled_reason");
            n.put("forced_down", forcedDown.contains(h));
        }
        return "{\"services\": " + list + "}";
    }

    private String hypervisors() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (String h : HOSTS) {
            ObjectNode n = list.addObject();
            n.put("id", 1 + HOSTS.indexOf(h));
            n.put("hypervisor_hostname", h + ".lab.local");
            n.put("state", down.contains(h) ? "down" : "up");
            n.put("status", "enabled");
            n.put("memory_mb", 16384);
            n.put("memory_mb_used", 2048);
            n.put("local_gb", 200);
            n.put("local_gb_used", 20);
            n.putObject("service").put("host", h).put("id", 7 + HOSTS.indexOf(h)).putNull("disabled_reason");
        }
        return "{\"hypervisors\": " + list + "}";
    }

    private String list(String field, List<String> ids) {
        return "{\"" + field + "\": [" + String.join(", ", ids.stream().map(this::server).toList()) + "]}";
    }

    private String server(String id) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("name", "web-" + id.charAt(id.length() - 1));
        n.put("status", "ACTIVE");
        n.put("tenant_id", "6f70656e737461636b20342065766572");
        ObjectNode image = n.putObject("image");
        image.put("id", "c2a8b6e4-0f3e-4d6a-a2b1-8f7c2f1d9e01");
        image.putArray("links");
        n.putObject("flavor").put("id", "2").putArray("links");
        n.put("OS-EXT-SRV-ATTR:host", servers.get(id));
        n.put("OS-EXT-SRV-ATTR:hypervisor_hostname", servers.get(id) + ".lab.local");
        n.put("OS-EXT-STS:vm_state", "active");
        n.putNull("OS-EXT-STS:task_state");
        n.put("OS-EXT-STS:power_state", 1);
        n.put("locked", false);
        return n.toString();
    }
}
