package io.kolladoctor.deployment.live.openstack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which API call answers which CLOUD-scope request ({@code io.kolladoctor.deployment.facts.openstack.OpenStackApi}
 * names them), and how its URL is made from the catalog endpoint. One request each: no paging, no detail calls
 * per item.
 */
final class CloudApi {

    /** Nova's {@code forced_down} appears at 2.11; ids stay integers below 2.53, like the snapshots'. */
    static final String COMPUTE_MICROVERSION = "2.11";

    /** How far Heat expands nested stacks' resources (Magnum's clusters are three levels deep). */
    static final int NESTED_DEPTH = 5;

    private CloudApi() {
    }

    /** What a request needs: a service, the API version its path starts with, and the path below it. */
    enum Kind {
        COLLECTION,
        /** {@code orchestration/stacks/<id>/resources.json}: needs the stack's name, from the stacks list. */
        STACK_RESOURCES,
        /** {@code orchestration/stacks/<id>/resources/<name>/metadata.json}. */
        RESOURCE_METADATA,
        /** {@code orchestration/stacks/<id>/events.json}: needs the stack's name too. */
        STACK_EVENTS
    }

    record Route(Kind kind, String serviceType, String version, String path, String stackId, String resourceName) {
    }

    private static final Map<String, Route> COLLECTIONS = Map.ofEntries(
            collection("identity/users.json", "identity", "v3", "/users"),
            collection("identity/projects.json", "identity", "v3", "/projects"),
            collection("identity/roles.json", "identity", "v3", "/roles"),
            collection("identity/domains.json", "identity", "v3", "/domains"),
            collection("identity/role_assignments.json", "identity", "v3", "/role_assignments?include_names=true"),
            collection("compute/os-services.json", "compute", "v2.1", "/os-services"),
            collection("network/floatingips.json", "network", "v2.0", "/floatingips"),
            collection("network/routers.json", "network", "v2.0", "/routers"),
            collection("network/ports.json", "network", "v2.0", "/ports"),
            collection("network/subnets.json", "network", "v2.0", "/subnets"),
            collection("load-balancer/loadbalancers.json", "load-balancer", "v2", "/lbaas/loadbalancers"),
            collection("orchestration/stacks.json", "orchestration", "v1", "/stacks?show_nested=true&global_tenant=true"),
            // the detail list: the plain one lacks status_reason and the node addresses MagnumCluster reads
            collection("container-infra/clusters.json", "container-infra", "v1", "/clusters/detail"),
            // for the console's views: services and agents of each project, the catalog, Aodh's alarms
            collection("identity/services.json", "identity", "v3", "/services"),
            collection("identity/endpoints.json", "identity", "v3", "/endpoints"),
            collection("network/agents.json", "network", "v2.0", "/agents"),
            collection("block-storage/os-services.json", "block-storage", "v3", "/os-services"),
            collection("orchestration/services.json", "orchestration", "v1", "/services"),
            collection("alarming/alarms.json", "alarming", "v2", "/alarms"));

    /** The stacks list when Heat's policy denies {@code global_tenant} (its default). */
    static final String STACKS_OWN_PROJECT = "/stacks?show_nested=true";

    private static final Pattern RESOURCES = Pattern.compile("orchestration/stacks/([^/]+)/resources\\.json");
    private static final Pattern METADATA = Pattern.compile("orchestration/stacks/([^/]+)/resources/([^/]+)/metadata\\.json");
    private static final Pattern EVENTS = Pattern.compile("orchestration/stacks/([^/]+)/events\\.json");

    private static Map.Entry<String, Route> collection(String name, String type, String version, String path) {
        return Map.entry(name, new Route(Kind.COLLECTION, type, version, path, null, null));
    }

    static Optional<Route> route(String name) {
        Route route = COLLECTIONS.get(name);
        if (route != null) {
            return Optional.of(route);
        }
        Matcher m = RESOURCES.matcher(name);
        if (m.matches()) {
            return Optional.of(new Route(Kind.STACK_RESOURCES, "orchestration", "v1", null, m.group(1), null));
        }
        m = METADATA.matcher(name);
        if (m.matches()) {
            return Optional.of(new Route(Kind.RESOURCE_METADATA, "orchestration", "v1", null, m.group(1), m.group(2)));
        }
        m = EVENTS.matcher(name);
        if (m.matches()) {
            return Optional.of(new Route(Kind.STACK_EVENTS, "orchestration", "v1", null, m.group(1), null));
        }
        return Optional.empty();
    }

    /** The names this fetcher answers, for "not a collection" messages. */
    static String known() {
        return String.join(", ", new java.util.TreeSet<>(COLLECTIONS.keySet()))
                + ", orchestration/stacks/<id>/resources.json, orchestration/stacks/<id>/resources/<name>/metadata.json"
                + ", orchestration/stacks/<id>/events.json";
    }

    /** The path of a stack's resources, from its name and id: {@code /stacks/<name>/<id>/resources?nested_depth=5}. */
    static String resourcesPath(String stackName, String stackId) {
        return "/stacks/" + segment(stackName) + "/" + segment(stackId) + "/resources?nested_depth=" + NESTED_DEPTH;
    }

    /** The events of a stack and its nested stacks, newest first. */
    static String eventsPath(String stackName, String stackId) {
        return "/stacks/" + segment(stackName) + "/" + segment(stackId) + "/events?nested_depth=" + NESTED_DEPTH
                + "&sort_dir=desc&limit=200";
    }

    static String metadataPath(String stackName, String stackId, String resourceName) {
        return "/stacks/" + segment(stackName) + "/" + segment(stackId) + "/resources/" + segment(resourceName) + "/metadata";
    }

    /**
     * The URL of {@code path} under a catalog endpoint. Catalogs differ in whether an endpoint carries the API
     * version ({@code http://h:9696} vs {@code http://h:9696/v2.0}, {@code http://h:8774/v2.1/<project>},
     * {@code http://h:8004/v1/<project>}): the version is added only when the endpoint has none, followed by
     * {@code projectInPath} when the API wants it there (Heat: the caller passes it for orchestration, else null).
     */
    static String url(String endpoint, String version, String path, String projectInPath) {
        String base = endpoint.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!hasVersion(base, version)) {
            base = base + "/" + version;
            if (projectInPath != null) {
                base = base + "/" + projectInPath;
            }
        }
        return base + path;
    }

    private static boolean hasVersion(String base, String version) {
        String path = java.net.URI.create(base).getPath();
        if (path == null) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(version) || segment.startsWith(version + ".")) { // v2 also matches v2.0
                return true;
            }
        }
        return false;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
