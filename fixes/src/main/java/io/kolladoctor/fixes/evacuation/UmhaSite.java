package io.kolladoctor.fixes.evacuation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a site tells kolla-doctor about its compute hosts for evacuation: UMHA's settings, each host's BMC and
 * storage-network address, and what was wrong reading them. {@code source} says where the settings came from.
 */
public record UmhaSite(UmhaConfig config, Map<String, BmcAccess> bmcs, Map<String, String> storageIps,
                       String source, List<String> problems) {

    public UmhaSite {
        bmcs = Map.copyOf(bmcs);
        storageIps = Map.copyOf(storageIps);
        problems = List.copyOf(problems);
    }

    /**
     * Reads {@code conf} (UMHA's umha.conf) and the host lists it names (relative names are taken from the conf's
     * directory). No conf: the defaults, with shared storage as the deployment says ({@code sharedStorageDefault}).
     */
    public static UmhaSite load(Path conf, boolean sharedStorageDefault) throws IOException {
        List<String> problems = new ArrayList<>();
        UmhaConfig defaults = UmhaConfig.defaults(sharedStorageDefault);
        if (conf == null || !Files.exists(conf)) {
            problems.add("no UMHA configuration" + (conf == null ? "" : " at " + conf)
                    + ": UMHA's default settings; no BMC and no storage address is known");
            return new UmhaSite(defaults, Map.of(), Map.of(), "defaults", problems);
        }
        UmhaConfig config = UmhaConfig.parse(Files.readString(conf, StandardCharsets.UTF_8), defaults, problems);
        Path dir = conf.toAbsolutePath().getParent();
        Map<String, BmcAccess> bmcs = Map.of();
        if (config.hasIpmi()) {
            Path ipmi = dir.resolve(config.ipmiInfo());
            if (Files.isReadable(ipmi)) {
                bmcs = UmhaFiles.ipmiInfo(Files.readString(ipmi, StandardCharsets.UTF_8), problems);
            } else {
                problems.add("has_IPMI = true but " + ipmi + " cannot be read: power states are unknown");
            }
        }
        Path storage = dir.resolve(config.nodeStorageIpInfo());
        Map<String, String> storageIps = Files.isReadable(storage)
                ? UmhaFiles.storageIps(Files.readString(storage, StandardCharsets.UTF_8), problems) : Map.of();
        return new UmhaSite(config, bmcs, storageIps, conf.toString(), problems);
    }

    /** The BMC passwords and the mail password ({@code [email] sender_pwd}), for the masker. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(bmcs.values().stream().map(BmcAccess::password).toList());
        if (!config.mail().password().isEmpty()) {
            secrets.add(config.mail().password());
        }
        return List.copyOf(secrets);
    }
}
