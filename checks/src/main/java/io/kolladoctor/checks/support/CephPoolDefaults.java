package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.host.ConfigFile;
import io.kolladoctor.deployment.facts.host.IniConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code osd pool default size} and {@code osd pool default min size} of a ceph.conf Kolla rendered
 * ({@code /etc/kolla/ceph-<service>/ceph.conf}). Ceph reads option names with spaces, dashes or underscores
 * alike, and a daemon's section ({@code [mon]}, {@code [osd]}) overrides {@code [global]}. Not set means Ceph's
 * defaults: size 3, min size 0, i.e. {@code size - size / 2}.
 */
public record CephPoolDefaults(ConfigFile file, Optional<IniConfig.Option> sizeOption,
                               Optional<IniConfig.Option> minSizeOption) {

    public static final int CEPH_DEFAULT_SIZE = 3;

    /** Reads the two options as the given daemon ({@code mon}, {@code osd}) sees them. */
    public static CephPoolDefaults read(ConfigFile file, String daemon) {
        IniConfig ini = file.ini();
        return new CephPoolDefaults(file, option(ini, daemon, "osd_pool_default_size"),
                option(ini, daemon, "osd_pool_default_min_size"));
    }

    public int size() {
        return sizeOption.flatMap(o -> integer(o.value())).filter(v -> v > 0).orElse(CEPH_DEFAULT_SIZE);
    }

    public int minSize() {
        int size = size();
        return minSizeOption.flatMap(o -> integer(o.value())).filter(v -> v > 0).orElse(size - size / 2);
    }

    /** The lines that set the values, or a note that the size is Ceph's default. */
    public List<Evidence> evidence() {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(sizeOption.map(o -> Evidence.line(file.where(), o.line(), o.key() + " = " + o.value()))
                .orElse(Evidence.of(file.where(), "osd pool default size not set: Ceph's default " + CEPH_DEFAULT_SIZE)));
        minSizeOption.ifPresent(o -> evidence.add(Evidence.line(file.where(), o.line(), o.key() + " = " + o.value())));
        return evidence;
    }

    private static Optional<IniConfig.Option> option(IniConfig ini, String daemon, String key) {
        Optional<IniConfig.Option> found = Optional.empty();
        for (String section : List.of("global", daemon)) {
            for (IniConfig.Option o : ini.options(section)) {
                if (o.key().strip().replaceAll("[ \\t-]+", "_").equalsIgnoreCase(key)) {
                    found = Optional.of(o);
                }
            }
        }
        return found;
    }

    private static Optional<Integer> integer(String value) {
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
