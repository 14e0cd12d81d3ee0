package io.kolladoctor.fixes.evacuation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kolladoctor.deployment.live.Actions;
import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import io.kolladoctor.deployment.parse.Json;
import io.kolladoctor.deployment.parse.MalformedException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The fakes the evacuation tests share: an in-memory Nova behind {@link Actions}, BMCs, probes, an operator. */
final class EvacuationFakes {

    private EvacuationFakes() {
    }

    /** Settings with no waits, so a whole evacuation runs in milliseconds; {@code extra} is more umha.conf text. */
    static UmhaConfig fastConfig(String extra) {
        List<String> problems = new ArrayList<>();
        UmhaConfig config = UmhaConfig.parse("""
                [DEFAULT]
                ipmi_check_interval = 0
                ipmi_check_max_count = 3
                interval_check_nova_service = 0
                max_second_wait_for_service_down = 1
                seconds_before_check_vm_status = 0
                ping_count = 1
                [time]
                evacuate_timeout = 5
                [valve]
                error_count = 2
                """ + extra, UmhaConfig.defaults(true), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.toString());
        }
        return config;
    }

    static final String PASSWORD = "Sup3r:Secr3t!";

    /** BMC entries for each host ({@code 10.2.0.1x}), all with {@link #PASSWORD}. */
    static Map<String, BmcAccess> bmcsFor(String... hosts) {
        Map<String, BmcAccess> bmcs = new LinkedHashMap<>();
        for (String h : hosts) {
            bmcs.put(h, new BmcAccess(h, "10.2.0." + (10 + number(h)), BmcAccess.IPMI_PORT, "admin", PASSWORD));
        }
        return bmcs;
    }

    static UmhaSite site(UmhaConfig config, String... hostsWithBmc) {
        Map<String, String> storage = new LinkedHashMap<>();
        for (String h : hostsWithBmc) {
            storage.put(h, storageIp(h));
        }
        return new UmhaSite(config, bmcsFor(hostsWithBmc), storage, "test", List.of());
    }

    static String managementIp(String host) {
        return "10.0.0." + (10 + number(host));
    }

    static String storageIp(String host) {
        return "10.1.0." + (10 + number(host));
    }

    static Map<String, List<String>> managementAddresses(String... hosts) {
        Map<String, List<String>> map = new HashMap<>();
        for (String h : hosts) {
            map.put(h, List.of(managementIp(h)));
        }
        return map;
    }

    private static int number(String host) {
        return Integer.parseInt(host.replaceAll("\\D", ""));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The person at the keyboard, scripted: answers every yes/no with {@link #approve}, types {@link #typed}. */
    static final class ScriptedOperator implements EvacuationOperator {
        boolean approve = true;
        /** Answers to the next yes/no questions, in order, before {@link #approve} applies. */
        final java.util.Deque<Boolean> answers = new java.util.ArrayDeque<>();
        String typed = "";
        final List<String> questions = Collections.synchronizedList(new ArrayList<>());
        final List<String> said = Collections.synchronizedList(new ArrayList<>());

        @Override
        public synchronized boolean approve(String question) {
            questions.add(question);
            return answers.isEmpty() ? approve : answers.poll();
        }

        @Override
        public boolean typeBack(String expected, String prompt) {
            questions.add(prompt);
            return expected.equals(typed);
        }

        @Override
        public void say(String line) {
            said.add(line);
        }

        String all() {
            synchronized (said) {
                return String.join("\n", said);
            }
        }
    }

    /** Whether an address answers: only those in {@link #answering}. */
    static final class FakeProbes implements Probes {
        final Set<String> answering = ConcurrentHashMap.newKeySet();
        final List<String> probed = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean answers(String address, Duration timeout) {
            probed.add(address);
            return answering.contains(address);
        }
    }

    /**
     * BMCs with scripted power: a host missing from {@link #power} does not answer (unknown). A power off is accepted
     * unless {@link #refuseOff}, and the host reads off after {@link #looksUntilOff} status reads, or never when
     * {@link #staysOn}.
     */
    static final class FakeBmcs implements Bmcs {
        final Map<String, PowerState> power = new ConcurrentHashMap<>();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> pendingOff = new ConcurrentHashMap<>();
        boolean refuseOff;
        boolean staysOn;
        int looksUntilOff = 1;

        @Override
        public PowerState status(BmcAccess bmc) {
            calls.add("status " + bmc.host());
            Integer left = pendingOff.get(bmc.host());
            if (left != null) {
                if (left <= 1) {
                    pendingOff.remove(bmc.host());
                    power.put(bmc.host(), PowerState.off());
                } else {
                    pendingOff.put(bmc.host(), left - 1);
                }
            }
            PowerState state = power.get(bmc.host());
            return state != null ? state
                    : PowerState.unknown("no answer from the BMC at " + bmc.where() + " within 20 s");
        }

        @Override
        public Result powerOff(BmcAccess bmc) {
            calls.add("off " + bmc.host());
            if (refuseOff) {
                return new Result(false, "ipmitool exit 1: Set Chassis Power Control to Down/Off failed: Node busy");
            }
            if (!staysOn) {
                pendingOff.put(bmc.host(), looksUntilOff);
            }
            return new Result(true, "Chassis Power Control: Down/Off");
        }

        @Override
        public Result powerOn(BmcAccess bmc) {
            calls.add("on " + bmc.host());
            power.put(bmc.host(), PowerState.on());
            return new Result(true, "Chassis Power Control: Up/On");
        }

        boolean poweredOff(String host) {
            return calls.contains("off " + host);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Nova's compute API in memory, answering the paths {@link Nova} sends with 2.11-shaped bodies and changing its
     * state as Nova would: force-down makes a service report down; evacuate refuses while the source's nova-compute is
     * up or the instance is in a state Nova does not evacuate, sets task_state rebuilding, and lands the instance on
     * the target after {@link #evacuateLooks} further looks at it. Records every request.
     */
    static class FakeNova implements Actions {

        static final class Service {
            final int id;
            final String host;
            boolean heartbeat = true;
            boolean enabled = true;
            boolean forcedDown;
            String disabledReason;
            /** How many "force-down false" requests are refused (migration records remain) before one is accepted. */
            int clearRefusals;
            /** Whether its nova-compute runs again (reports up) once force-down is cleared. */
            boolean runsAfterClear = true;

            Service(int id, String host) {
                this.id = id;
                this.host = host;
            }

            boolean up() {
                return heartbeat && !forcedDown;
            }
        }

        static final class Hyp {
            final String host;
            long memoryMb = 16384;
            long memoryUsed = 2048;
            long localGb = 200;
            long localUsed = 20;

            Hyp(String host) {
                this.host = host;
            }
        }

        static final class Server {
            final String id;
            final String name;
            String host;
            String vmState = "active";
            String taskState;
            boolean locked;
            String imageId;
            String flavorId = "2";
            String fault;
            String evacuatingTo;
            String landingState;
            int looksLeft;
            int stopLooksLeft = -1;

            Server(String id, String name, String host) {
                this.id = id;
                this.name = name;
                this.host = host;
            }
        }

        record Group(String id, String name, String policy, List<String> members) {
        }

        final Map<String, Service> services = new LinkedHashMap<>();
        final Map<String, Hyp> hypervisors = new LinkedHashMap<>();
        final Map<String, Server> servers = new LinkedHashMap<>();
        final List<Group> groups = new ArrayList<>();
        final Map<String, Flavor> flavors = new LinkedHashMap<>();
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        /** Looks at an evacuating instance before it lands on the target. */
        int evacuateLooks = 1;
        /** Instances whose evacuate request Nova refuses (HTTP 400). */
        final Set<String> refuseEvacuate = new HashSet<>();
        /** Instances whose rebuild on the target fails (vm_state error). */
        final Set<String> evacuateToError = new HashSet<>();
        int inFlight;
        int maxInFlight;
        private int serial;

        /** Computes {@code cmp01..cmpNN}, each with a hypervisor; flavors m1.small (2 GiB, 20 GB) and m1.large. */
        static FakeNova lab(String... hosts) {
            FakeNova nova = new FakeNova();
            int id = 7;
            for (String h : hosts) {
                nova.services.put(h, new Service(id++, h));
                nova.hypervisors.put(h, new Hyp(h));
            }
            nova.flavors.put("2", new Flavor("2", "m1.small", 2048, 1, 20));
            nova.flavors.put("4", new Flavor("4", "m1.large", 8192, 4, 80));
            return nova;
        }

        synchronized Server server(String name, String host) {
            serial++;
            String id = String.format("%08x-7c1e-4d5a-9f0b-%012d", name.hashCode() & 0xffffffffL, serial);
            Server s = new Server(id, name, host);
            s.imageId = "c2a8b6e4-0f3e-4d6a-a2b1-8f7c2f1d9e01";
            servers.put(id, s);
            return s;
        }

        synchronized Server byName(String name) {
            return servers.values().stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
        }

        /** The requests that change something (everything but GET). */
        List<String> mutations() {
            synchronized (requests) {
                return requests.stream().filter(r -> !r.startsWith("GET ")).toList();
            }
        }

        /** The server actions sent for one instance, e.g. {@code lock}, {@code evacuate}, {@code unlock}. */
        List<String> actionsOf(Server s) {
            String prefix = "POST /servers/" + s.id + "/action ";
            synchronized (requests) {
                return requests.stream().filter(r -> r.startsWith(prefix)).map(r -> {
                    try {
                        return Json.parse(r.substring(prefix.length()).replaceFirst(" \\[microversion .*]$", ""))
                                .fieldNames().next();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
            }
        }

        @Override
        public CommandResult run(String host, List<String> argv, boolean sudo, Duration timeout) {
            throw new UnsupportedOperationException("an evacuation runs no host command");
        }

        @Override
        public ApiResult call(String method, String serviceType, String path, String jsonBody) throws IOException {
            return call(method, serviceType, path, jsonBody, null);
        }

        @Override
        public synchronized ApiResult call(String method, String serviceType, String path, String jsonBody,
                                           String microversion) throws IOException {
            requests.add(method + " " + path + (jsonBody == null ? "" : " " + jsonBody)
                    + (microversion == null ? "" : " [microversion " + microversion + "]"));
            if (!"compute".equals(serviceType)) {
                return error(404, "itemNotFound", "no " + serviceType + " here", method);
            }
            String[] parts = path.split("\\?", 2);
            Map<String, String> query = query(parts.length > 1 ? parts[1] : "");
            String p = parts[0];
            JsonNode body;
            try {
                body = jsonBody == null ? null : Json.parse(jsonBody);
            } catch (MalformedException e) {
                return error(400, "badRequest", "Malformed request body: " + e.getMessage(), method);
            }
            return switch (method + " " + p) {
                case "GET /os-services" -> ok(servicesBody(), method);
                case "GET /os-hypervisors/detail" -> ok(hypervisorsBody(), method);
                case "GET /servers/detail" -> ok(serversBody(query), method);
                case "GET /os-server-groups" -> ok(groupsBody(), method);
                case "GET /flavors/detail" -> ok(flavorsBody(), method);
                case "PUT /os-services/force-down" -> forceDown(body, method);
                case "PUT /os-services/disable-log-reason" -> disable(body, method);
                case "PUT /os-services/enable" -> enable(body, method);
                default -> {
                    if (method.equals("GET") && p.startsWith("/servers/")) {
                        Server s = servers.get(p.substring("/servers/".length()));
                        yield s == null ? error(404, "itemNotFound", "Instance " + p.substring(9) + " could not be found.", method)
                                : ok("{\"server\": " + look(s) + "}", method);
                    }
                    if (method.equals("POST") && p.startsWith("/servers/") && p.endsWith("/action")) {
                        yield action(servers.get(p.substring("/servers/".length(), p.length() - "/action".length())),
                                body, microversion, method);
                    }
                    yield error(404, "itemNotFound", "The resource could not be found.", method);
                }
            };
        }

        // ---- reads ----

        private String servicesBody() {
            ArrayNode list = Json.MAPPER.createArrayNode();
            for (Service s : services.values()) {
                ObjectNode n = list.addObject();
                n.put("id", s.id);
                n.put("binary", "nova-compute");
                n.put("host", s.host);
                n.put("zone", "nova");
                n.put("status", s.enabled ? "enabled" : "disabled");
                n.put("state", s.up() ? "up" : "down");
                n.put("updated_at", "2025-03-14T09:26:53.000000");
                if (s.disabledReason == null) {
                    n.putNull("disabled_reason");
                } else {
                    n.put("disabled_reason", s.disabledReason);
                }
                n.put("forced_down", s.forcedDown);
            }
            return wrap("services", list);
        }

        private String hypervisorsBody() {
            ArrayNode list = Json.MAPPER.createArrayNode();
            int id = 1;
            for (Hyp h : hypervisors.values()) {
                Service s = services.get(h.host);
                ObjectNode n = list.addObject();
                n.put("id", id++);
                n.put("hypervisor_hostname", h.host + ".lab.local");
                n.put("state", s != null && s.up() ? "up" : "down");
                n.put("status", s != null && s.enabled ? "enabled" : "disabled");
                n.put("hypervisor_type", "QEMU");
                n.put("hypervisor_version", 6002000);
                n.put("host_ip", managementIp(h.host));
                n.put("vcpus", 8);
                n.put("vcpus_used", 2);
                n.put("memory_mb", h.memoryMb);
                n.put("memory_mb_used", h.memoryUsed);
                n.put("free_ram_mb", h.memoryMb - h.memoryUsed);
                n.put("local_gb", h.localGb);
                n.put("local_gb_used", h.localUsed);
                n.put("free_disk_gb", h.localGb - h.localUsed);
                n.put("disk_available_least", h.localGb - h.localUsed);
                n.put("current_workload", 0);
                n.put("running_vms", servers.values().stream().filter(v -> h.host.equals(v.host)).count());
                n.put("cpu_info", "{\"arch\": \"x86_64\", \"model\": \"Cascadelake-Server\", \"vendor\": \"Intel\"}");
                ObjectNode service = n.putObject("service");
                service.put("host", h.host);
                service.put("id", s == null ? 0 : s.id);
                service.putNull("disabled_reason");
            }
            return wrap("hypervisors", list);
        }

        private String serversBody(Map<String, String> query) {
            String host = query.get("host");
            int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
            String marker = query.get("marker");
            List<Server> on = servers.values().stream().filter(s -> host == null || host.equals(s.host)).toList();
            int from = 0;
            if (marker != null) {
                for (int i = 0; i < on.size(); i++) {
                    if (on.get(i).id.equals(marker)) {
                        from = i + 1;
                    }
                }
            }
            ArrayNode list = Json.MAPPER.createArrayNode();
            for (Server s : on.subList(from, Math.min(on.size(), from + limit))) {
                list.add(node(s));
            }
            return wrap("servers", list);
        }

        private String groupsBody() {
            ArrayNode list = Json.MAPPER.createArrayNode();
            for (Group g : groups) {
                ObjectNode n = list.addObject();
                n.put("id", g.id());
                n.put("name", g.name());
                n.putArray("policies").add(g.policy());
                ArrayNode members = n.putArray("members");
                g.members().forEach(members::add);
                n.putObject("metadata");
                n.put("project_id", "6f70656e737461636b20342065766572");
                n.put("user_id", "fake");
            }
            return wrap("server_groups", list);
        }

        private String flavorsBody() {
            ArrayNode list = Json.MAPPER.createArrayNode();
            for (Flavor f : flavors.values()) {
                ObjectNode n = list.addObject();
                n.put("id", f.id());
                n.put("name", f.name());
                n.put("ram", f.ramMb());
                n.put("vcpus", f.vcpus());
                n.put("disk", f.diskGb());
                n.put("OS-FLV-EXT-DATA:ephemeral", 0);
                n.put("swap", "");
                n.put("rxtx_factor", 1.0);
                n.put("os-flavor-access:is_public", true);
                n.putArray("links");
            }
            return wrap("flavors", list);
        }

        /** A look at one instance: an evacuation or a stop in progress advances, and may finish. */
        private String look(Server s) {
            if (s.evacuatingTo != null) {
                if (s.looksLeft <= 0) {
                    s.host = s.evacuatingTo;
                    s.evacuatingTo = null;
                    s.taskState = null;
                    if (evacuateToError.contains(s.id)) {
                        s.vmState = "error";
                        s.fault = "Build of instance " + s.id + " aborted: Failed to allocate the network(s)";
                    } else {
                        s.vmState = s.landingState;
                    }
                    inFlight--;
                } else {
                    s.looksLeft--;
                }
            } else if (s.stopLooksLeft >= 0) {
                if (s.stopLooksLeft == 0) {
                    s.vmState = "stopped";
                    s.taskState = null;
                    s.stopLooksLeft = -1;
                } else {
                    s.stopLooksLeft--;
                }
            }
            return node(s).toString();
        }

        private ObjectNode node(Server s) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("id", s.id);
            n.put("name", s.name);
            n.put("status", status(s));
            n.put("tenant_id", "6f70656e737461636b20342065766572");
            n.put("user_id", "fake");
            n.putObject("metadata");
            n.put("hostId", s.host == null ? "" : Integer.toHexString(s.host.hashCode()));
            if (s.imageId == null) {
                n.put("image", "");
            } else {
                ObjectNode image = n.putObject("image");
                image.put("id", s.imageId);
                image.putArray("links").addObject().put("rel", "bookmark")
                        .put("href", "http://10.0.0.250:8774/images/" + s.imageId);
            }
            ObjectNode flavor = n.putObject("flavor");
            flavor.put("id", s.flavorId);
            flavor.putArray("links");
            n.put("created", "2025-03-01T08:00:00Z");
            n.put("updated", "2025-03-14T09:27:00Z");
            n.putObject("addresses");
            n.put("accessIPv4", "");
            n.put("accessIPv6", "");
            n.put("OS-DCF:diskConfig", "MANUAL");
            n.put("OS-EXT-AZ:availability_zone", "nova");
            n.put("config_drive", "");
            n.put("key_name", (String) null);
            if (s.host == null) {
                n.putNull("OS-EXT-SRV-ATTR:host");
            } else {
                n.put("OS-EXT-SRV-ATTR:host", s.host);
                n.put("OS-EXT-SRV-ATTR:hypervisor_hostname", s.host + ".lab.local");
            }
            n.put("OS-EXT-SRV-ATTR:instance_name", "instance-0000000" + (s.id.hashCode() & 7));
            n.put("OS-EXT-STS:power_state", "active".equals(s.vmState) ? 1 : 4);
            if (s.taskState == null) {
                n.putNull("OS-EXT-STS:task_state");
            } else {
                n.put("OS-EXT-STS:task_state", s.taskState);
            }
            n.put("OS-EXT-STS:vm_state", s.vmState);
            n.put("OS-SRV-USG:launched_at", "2025-03-01T08:00:12.000000");
            n.putNull("OS-SRV-USG:terminated_at");
            n.put("progress", 0);
            n.putArray("security_groups").addObject().put("name", "default");
            ArrayNode volumes = n.putArray("os-extended-volumes:volumes_attached");
            if (s.imageId == null) {
                volumes.addObject().put("id", "9a0e6b1c-1b52-4d47-8c1d-" + s.id.substring(s.id.length() - 12));
            }
            n.put("locked", s.locked);
            if (s.fault != null) {
                ObjectNode fault = n.putObject("fault");
                fault.put("code", 500);
                fault.put("created", "2025-03-14T09:28:00Z");
                fault.put("message", s.fault);
            }
            return n;
        }

        private static String status(Server s) {
            if ("rebuilding".equals(s.taskState)) {
                return "REBUILD";
            }
            return switch (s.vmState) {
                case "active" -> "ACTIVE";
                case "stopped" -> "SHUTOFF";
                case "error" -> "ERROR";
                case "paused" -> "PAUSED";
                case "suspended" -> "SUSPENDED";
                default -> s.vmState.toUpperCase();
            };
        }

        // ---- changes ----

        private ApiResult forceDown(JsonNode body, String method) {
            Service s = services.get(body.path("host").asText());
            if (s == null) {
                return error(404, "itemNotFound", "Host '" + body.path("host").asText() + "' is not found", method);
            }
            boolean down = body.path("forced_down").asBoolean();
            if (!down && s.forcedDown && s.clearRefusals > 0) {
                s.clearRefusals--;
                return error(400, "badRequest", "Cannot unset forced_down on " + s.host
                        + ": evacuation migration records remain; start nova-compute there first", method);
            }
            s.forcedDown = down;
            if (!down && s.runsAfterClear) {
                s.heartbeat = true;
            }
            return ok("{\"service\": {\"host\": \"" + s.host + "\", \"binary\": \"nova-compute\", \"forced_down\": "
                    + down + "}}", method);
        }

        private ApiResult disable(JsonNode body, String method) {
            Service s = services.get(body.path("host").asText());
            if (s == null) {
                return error(404, "itemNotFound", "Host not found", method);
            }
            s.enabled = false;
            s.disabledReason = body.path("disabled_reason").asText();
            return ok("{\"service\": {\"binary\": \"nova-compute\", \"disabled_reason\": " + Nova.quote(s.disabledReason)
                    + ", \"host\": \"" + s.host + "\", \"status\": \"disabled\"}}", method);
        }

        private ApiResult enable(JsonNode body, String method) {
            Service s = services.get(body.path("host").asText());
            if (s == null) {
                return error(404, "itemNotFound", "Host not found", method);
            }
            s.enabled = true;
            s.disabledReason = null;
            return ok("{\"service\": {\"binary\": \"nova-compute\", \"host\": \"" + s.host
                    + "\", \"status\": \"enabled\"}}", method);
        }

        private ApiResult action(Server s, JsonNode body, String microversion, String method) {
            if (s == null) {
                return error(404, "itemNotFound", "Instance could not be found.", method);
            }
            String action = body.fieldNames().next();
            switch (action) {
                case "lock" -> s.locked = true;
                case "unlock" -> s.locked = false;
                case "os-resetState" -> {
                    s.vmState = body.path(action).path("state").asText();
                    s.taskState = null;
                }
                case "os-stop" -> {
                    if (!"active".equals(s.vmState) || s.taskState != null) {
                        return conflict(s, "stop", method);
                    }
                    s.taskState = "powering-off";
                    s.stopLooksLeft = 1;
                }
                case "evacuate" -> {
                    return evacuate(s, body.path(action), microversion, method);
                }
                default -> {
                    return error(400, "badRequest", "Invalid action " + action, method);
                }
            }
            return new ApiResult(202, "", method);
        }

        private ApiResult evacuate(Server s, JsonNode args, String microversion, String method) {
            if (microversion == null || microversion.compareTo("2.29") < 0) {
                return error(400, "badRequest", "onSharedStorage is required below 2.14", method);
            }
            if (refuseEvacuate.contains(s.id)) {
                return error(400, "badRequest", "No valid host was found. There are not enough hosts available.", method);
            }
            Service source = services.get(s.host);
            if (source != null && source.up()) {
                return error(400, "badRequest", "Compute service of " + s.host + " is still in use.", method);
            }
            if (s.taskState != null || !List.of("active", "stopped", "error").contains(s.vmState)) {
                return conflict(s, "evacuate", method);
            }
            String target = args.hasNonNull("host") ? args.get("host").asText() : null;
            if (target == null) {
                target = services.values().stream().filter(x -> x.up() && x.enabled && !x.host.equals(s.host))
                        .map(x -> x.host).findFirst().orElse(null);
                if (target == null) {
                    return error(400, "badRequest", "No valid host was found.", method);
                }
            } else if (target.equals(s.host)) {
                return error(400, "badRequest", "The target host can't be the same one.", method);
            } else if (!services.containsKey(target)) {
                return error(404, "itemNotFound", "Compute host " + target + " not found.", method);
            }
            s.evacuatingTo = target;
            s.landingState = "stopped".equals(s.vmState) ? "stopped" : "active";
            s.taskState = "rebuilding";
            s.looksLeft = evacuateLooks;
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            return new ApiResult(200, "{}", method);
        }

        private static ApiResult conflict(Server s, String what, String method) {
            return error(409, "conflictingRequest", "Cannot '" + what + "' instance " + s.id + " while it is in vm_state "
                    + s.vmState + (s.taskState == null ? "" : ", task_state " + s.taskState), method);
        }

        private static ApiResult ok(String body, String method) {
            return new ApiResult(200, body, method);
        }

        private static ApiResult error(int status, String kind, String message, String method) {
            return new ApiResult(status, "{\"" + kind + "\": {\"code\": " + status + ", \"message\": "
                    + Nova.quote(message) + "}}", method);
        }

        private static String wrap(String field, ArrayNode list) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set(field, list);
            return body.toString();
        }

        private static Map<String, String> query(String text) {
            Map<String, String> query = new HashMap<>();
            for (String pair : text.split("&")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            return query;
        }
    }
}
