package io.kolladoctor.deployment.live.host;

import io.kolladoctor.deployment.model.Host;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an inventory host into an {@link SshEndpoint} the way Ansible's ssh connection would reach it: the target is
 * {@code ansible_host} (else the inventory name) and the ssh configuration applies to that target; the inventory's
 * {@code ansible_user}, {@code ansible_port} and {@code ansible_ssh_private_key_file} come first (Ansible passes them
 * as {@code -l}, {@code -p}, {@code -i}), then the configuration's {@code User}, {@code Port}, {@code IdentityFile};
 * a {@code -J}/{@code ProxyJump} in {@code ansible_ssh_common_args}/{@code ansible_ssh_extra_args} wins over the
 * configuration's {@code ProxyJump}. Also tells the host kolla-doctor runs on, which is read without SSH.
 */
final class SshTargets {

    private static final int MAX_JUMP_DEPTH = 5;
    private static final Pattern JUMP_ARG = Pattern.compile(
            "(?:^|\\s)(?:-J\\s*|-o\\s*[\"']?ProxyJump[\\s=]+)([^\\s\"']+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOP = Pattern.compile(
            "^(?:ssh://)?(?:([^@\\[\\]/]+)@)?(\\[[^\\]]+\\]|[^:@/\\[\\]]+)(?::(\\d{1,5}))?/?$");

    private final SshConfig config;
    private final HostAccessOptions options;

    SshTargets(SshConfig config, HostAccessOptions options) {
        this.config = config;
        this.options = options;
    }

    /** The endpoint of an inventory host. */
    SshEndpoint endpoint(Host host) throws HostException {
        Map<String, String> vars = host.vars();
        String target = host.address();
        SshConfig.Resolved c = config.resolve(target, options.localUser(), options.home());
        String user = first(vars.get("ansible_user"), vars.get("ansible_ssh_user"), c.user(), options.localUser());
        int port = port(first(vars.get("ansible_port"), vars.get("ansible_ssh_port")), c.port(), host.name());
        List<Path> inventoryKeys = new ArrayList<>();
        String key = first(vars.get("ansible_ssh_private_key_file"), vars.get("ansible_private_key_file"));
        if (key != null && !key.isBlank()) {
            inventoryKeys.add(path(key));
        }
        List<Path> ids = identities(inventoryKeys, c);
        String jumpSpec = jumpFromArgs(first(vars.get("ansible_ssh_common_args"), "") + " "
                + first(vars.get("ansible_ssh_extra_args"), ""));
        SshEndpoint jump;
        if (jumpSpec != null) {
            jump = chain(jumpSpec, inventoryKeys, 0);
        } else if (c.proxyCommand() != null) {
            throw new HostException(host.name() + ": the ssh configuration reaches " + target + " through ProxyCommand `"
                    + c.proxyCommand() + "`, which kolla-doctor does not run; use ProxyJump instead");
        } else {
            jump = c.proxyJump() == null || c.proxyJump().equalsIgnoreCase("none") ? null
                    : chain(c.proxyJump(), inventoryKeys, 0);
        }
        return new SshEndpoint(host.name(), c.hostName(), port, user, ids, jump, knownHosts(c), policy(c),
                connectTimeout(c));
    }

    /** A {@code ProxyJump} list ({@code a,b}): connect to a, then to b through a; returns the last hop. */
    private SshEndpoint chain(String spec, List<Path> extraKeys, int depth) throws HostException {
        if (depth >= MAX_JUMP_DEPTH) {
            throw new HostException("ProxyJump chain deeper than " + MAX_JUMP_DEPTH + " hops (a loop in the ssh configuration?)");
        }
        SshEndpoint previous = null;
        String[] hops = spec.split(",");
        for (int i = 0; i < hops.length; i++) {
            Matcher m = HOP.matcher(hops[i].strip());
            if (!m.matches()) {
                throw new HostException("cannot read ProxyJump host '" + hops[i].strip() + "' (expected [user@]host[:port])");
            }
            String name = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            SshConfig.Resolved c = config.resolve(name, options.localUser(), options.home());
            String user = first(m.group(1), c.user(), options.localUser());
            int port = port(m.group(3), c.port(), hops[i]);
            SshEndpoint via = previous;
            if (i == 0 && c.proxyJump() != null && !c.proxyJump().equalsIgnoreCase("none")) {
                via = chain(c.proxyJump(), extraKeys, depth + 1);
            }
            List<Path> ids = new ArrayList<>(identities(List.of(), c));
            extraKeys.stream().filter(k -> !ids.contains(k)).forEach(ids::add);
            previous = new SshEndpoint(hops[i].strip(), c.hostName(), port, user, ids, via, knownHosts(c), policy(c),
                    connectTimeout(c));
        }
        return previous;
    }

    private List<Path> identities(List<Path> inventoryKeys, SshConfig.Resolved c) {
        Set<Path> ids = new LinkedHashSet<>(options.identityFiles());
        ids.addAll(inventoryKeys);
        c.identityFiles().forEach(f -> ids.add(path(f)));
        if (ids.isEmpty()) {
            ids.addAll(options.defaultIdentities());
        }
        return List.copyOf(ids);
    }

    private List<Path> knownHosts(SshConfig.Resolved c) {
        Set<Path> files = new LinkedHashSet<>(options.knownHostsFiles());
        if (c.userKnownHostsFiles().isEmpty()) {
            files.addAll(options.defaultKnownHosts());
        } else {
            c.userKnownHostsFiles().forEach(f -> files.add(path(f)));
            files.add(Path.of("/etc/ssh/ssh_known_hosts"));
        }
        return List.copyOf(files);
    }

    private HostKeyPolicy policy(SshConfig.Resolved c) {
        if (options.hostKeyPolicy() != null) {
            return options.hostKeyPolicy();
        }
        String strict = c.strictHostKeyChecking();
        // "no" also lets OpenSSH connect to a changed key; kolla-doctor never does that unless told explicitly
        return strict != null && Set.of("accept-new", "no", "off").contains(strict)
                ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT;
    }

    private Duration connectTimeout(SshConfig.Resolved c) {
        Duration mine = options.connectTimeout();
        if (c.connectTimeoutSeconds() == null) {
            return mine;
        }
        Duration theirs = Duration.ofSeconds(c.connectTimeoutSeconds());
        return theirs.compareTo(mine) < 0 ? theirs : mine;
    }

    private Path path(String file) {
        return file.equals("~") || file.startsWith("~/") ? Path.of(options.home() + file.substring(1)) : Path.of(file);
    }

    /** The ProxyJump named by {@code -J x} or {@code -o ProxyJump=x} in Ansible's ssh argument vars, or null. */
    static String jumpFromArgs(String args) {
        if (args == null) {
            return null;
        }
        Matcher m = JUMP_ARG.matcher(args);
        return m.find() ? m.group(1) : null;
    }

    private static int port(String explicit, Integer configured, String what) throws HostException {
        if (explicit != null && !explicit.isBlank()) {
            try {
                int p = Integer.parseInt(explicit.strip());
                if (p >= 1 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new HostException(what + ": not a valid SSH port: '" + explicit + "'");
        }
        return configured == null ? 22 : configured;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null && !(v instanceof String s && s.isBlank())) {
                return v;
            }
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------- local host

    /**
     * Whether a host is the machine kolla-doctor runs on: {@code ansible_connection=local}, named in the options, or
     * addressed as localhost, this machine's host name, or one of its IP addresses (literal addresses only: no DNS).
     * An explicit {@code ansible_connection=ssh} or a non-standard {@code ansible_port} keeps SSH even to a local
     * address: that is a forwarded port or an sshd in a container, another machine as far as the checks go.
     */
    static boolean isLocal(Host host, HostAccessOptions options) {
        Map<String, String> vars = host.vars();
        if ("local".equals(vars.get("ansible_connection")) || options.localHosts().contains(host.name())) {
            return true;
        }
        if (vars.containsKey("ansible_connection") && !"smart".equals(vars.get("ansible_connection"))) {
            return false;
        }
        String port = vars.getOrDefault("ansible_port", vars.get("ansible_ssh_port"));
        if (port != null && !port.strip().equals("22")) {
            return false;
        }
        String address = host.address().toLowerCase(Locale.ROOT);
        if (address.equals("localhost") || address.equals(machineHostName())) {
            return true;
        }
        if (!address.matches("[0-9.]+|[0-9a-f:]+(%\\w+)?|\\[[0-9a-f:]+]")) {
            return false;
        }
        try {
            InetAddress ip = InetAddress.getByName(address.replace("[", "").replace("]", ""));
            return ip.isLoopbackAddress() || ip.isAnyLocalAddress() || NetworkInterface.getByInetAddress(ip) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String machineHostName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel).strip().toLowerCase(Locale.ROOT);
            }
        } catch (IOException e) {
            // fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "localhost";
        }
    }
}
