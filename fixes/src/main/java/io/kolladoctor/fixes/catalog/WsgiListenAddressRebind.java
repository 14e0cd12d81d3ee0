package io.kolladoctor.fixes.catalog;

import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.deployment.facts.Deployments;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ApacheConfig;
import io.kolladoctor.deployment.facts.host.HostCommands;
import io.kolladoctor.deployment.facts.host.HostFiles;
import io.kolladoctor.deployment.facts.host.InterfaceAddress;
import io.kolladoctor.deployment.model.Host;
import io.kolladoctor.fixes.Fix;
import io.kolladoctor.fixes.Fixes;
import io.kolladoctor.fixes.Operation;
import io.kolladoctor.fixes.Plan;
import io.kolladoctor.fixes.Risk;
import io.kolladoctor.fixes.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * wsgi.listen-address (catalog A3), on a Kolla host: point each {@code Listen} that names an address the host does
 * not have at the host's own address (its inventory address, Kolla's {@code api_interface_address} when it is on the
 * host), then restart the service's container so Apache binds again. Kolla renders that file from its template and
 * {@code /etc/kolla/config/} overrides: the plan says to correct the override too, or the next reconfigure brings the
 * bad address back. The Kubernetes case — a ConfigMap — is {@link WsgiListenAddressRebindConfigmap}.
 */
public final class WsgiListenAddressRebind implements Fix {

    private static final Pattern KOLLA_CONFIG = Pattern.compile("/etc/kolla/([a-z0-9-]+)/[^/]+");

    @Override
    public String id() {
        return "wsgi.listen-address/rebind";
    }

    @Override
    public String checkId() {
        return "wsgi.listen-address";
    }

    @Override
    public String title() {
        return "Listen on the host's own address in the rendered vhost, restart its container";
    }

    @Override
    public Optional<Plan> plan(Finding finding, Facts facts) throws FactUnavailableException {
        String hostName = finding.subject().host();
        String path = finding.subject().name();
        var kollaPath = KOLLA_CONFIG.matcher(path);
        if (!finding.checkId().equals(checkId()) || finding.status() != Status.FAIL || hostName == null
                || !"file".equals(finding.subject().kind()) || !kollaPath.matches()) {
            return Optional.empty();
        }
        Optional<Host> host = Deployments.of(facts).host(hostName);
        List<String> own = facts.get(HostCommands.addresses(hostName)).stream().map(InterfaceAddress::address).toList();
        if (host.isEmpty() || !own.contains(host.get().address())) {
            return Optional.empty(); // no address of the host to bind to that the inventory vouches for
        }
        String address = host.get().address();
        ApacheConfig apache = facts.get(HostFiles.file(hostName, path)).apache();
        List<Step> steps = new ArrayList<>();
        for (ApacheConfig.Listen listen : apache.listens()) {
            if (listen.isWildcard() || own.contains(listen.address()) || !listen.address().matches("[A-Za-z0-9.-]+")) {
                continue; // fine as it is, or an IPv6 literal this sed does not rewrite
            }
            String from = listen.address().replace(".", "\\.");
            String sed = "s/^([[:space:]]*Listen[[:space:]]+)" + from + "(:" + listen.port() + ")/\\1" + address + "\\2/";
            steps.add(new Step("line " + listen.line() + ": Listen " + listen.endpoint() + " → " + address + ":" + listen.port(),
                    Operation.HostCommand.of(hostName, Duration.ofSeconds(20), "sed", "-i", "-E", sed, path), Risk.DISRUPTIVE,
                    "sed back to " + listen.address()));
        }
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        String container = kollaPath.group(1).replace('-', '_');
        steps.add(new Step("restart " + container + " so Apache binds the corrected address",
                Operation.HostCommand.of(hostName, Duration.ofSeconds(60), "docker", "restart", container),
                Risk.DISRUPTIVE, null));
        steps.add(new Step("wait until the check no longer reports the file",
                new Operation.WaitUntilHealed(Duration.ofSeconds(90)), Risk.SAFE, null));
        return Optional.of(new Plan(id(), checkId(), Fixes.subjectOf(finding), path, steps, List.of(
                "Correct the same Listen in the Kolla override (/etc/kolla/config/" + kollaPath.group(1).split("-")[0]
                        + "/…) on the deploy host, or the next 'kolla-ansible reconfigure' renders the bad address again.")));
    }
}
