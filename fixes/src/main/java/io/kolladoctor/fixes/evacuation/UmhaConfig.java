package io.kolladoctor.fixes.evacuation;

import io.kolladoctor.deployment.facts.host.IniConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of an evacuation, under UMHA's names ({@code /etc/umha/umha.conf}, sections {@code DEFAULT},
 * {@code time} and {@code valve}; ../shared/seeds/002), so a UMHA site needs no new configuration. Defaults are the
 * values of UMHA's sample, except where a site without UMHA must be safe: local-disk instances are not treated as
 * being on shared storage unless something says so.
 */
public record UmhaConfig(
        boolean hasIpmi, Path ipmiInfo, Path nodeStorageIpInfo, int pingCount,
        boolean allowEvacuateLocalVm, boolean onShareStorage,
        int ipmiCheckMaxCount, Duration ipmiCheckInterval, boolean forceEvacuateWhenIpmiUnknown,
        boolean reallyEvacuate, Duration intervalCheckNovaService, Duration maxWaitForServiceDown,
        Duration beforeCheckVmStatus, Duration evacuateTimeout, Duration sendInterval,
        Valve valve, Mail mail) {

    /**
     * UMHA's thresholds: do nothing when this many hosts (or this share of them) fail at once, per kind of failure;
     * {@code errorCount} consecutive failed probes before a host counts as failed. {@code continueCount} is read (a
     * UMHA file keeps validating) but nothing here uses it: its meaning in UMHA is not documented in the seed.
     */
    public record Valve(int storageNumber, double storageRatio, int powerOffNumber, double powerOffRatio,
                        int panicNumber, double panicRatio, int errorCount, int continueCount) {
    }

    /**
     * UMHA's {@code [email]} section: mail the operator through {@code send_server}. {@code password}
     * ({@code sender_pwd}) is a secret: {@link UmhaSite#secrets()} gives it to the masker, and {@link #toString()}
     * never shows it. {@code receivers}: the valid addresses of {@code receiver_list} (comma-separated).
     */
    public record Mail(boolean enabled, String server, int port, boolean needAuth, String username, String password,
                       List<String> receivers, String subject) {

        public Mail {
            receivers = List.copyOf(receivers);
        }

        /** No mail: what a site without an {@code [email]} section gets. Port, auth and subject as in UMHA's sample. */
        public static final Mail NONE = new Mail(false, "", 25, true, "", "", List.of(), "UMHA高可用告警");

        /** Why this mail cannot be sent, or empty when it can. */
        public Optional<String> unusable() {
            if (server.isBlank()) {
                return Optional.of("[email] send_server is not set");
            }
            if (receivers.isEmpty()) {
                return Optional.of("[email] receiver_list holds no valid address");
            }
            if (!MailMessage.isAddress(username)) {
                return Optional.of("[email] sender_username is not a mail address (it is the sender, as in UMHA)");
            }
            if (needAuth && password.isEmpty()) {
                return Optional.of("[email] need_auth = true but sender_pwd is empty");
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "Mail[enabled=" + enabled + ", server=" + server + ", port=" + port + ", needAuth=" + needAuth
                    + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "********")
                    + ", receivers=" + receivers + ", subject=" + subject + "]";
        }
    }

    public static final Path STANDARD = Path.of("/etc/umha/umha.conf");

    public static UmhaConfig defaults(boolean sharedStorage) {
        return new UmhaConfig(true, Path.of("/etc/umha/ipmi_info"), Path.of("/etc/umha/node_storage_ip_info"), 3,
                false, sharedStorage, 3, Duration.ofSeconds(10), false, true, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofHours(3),
                new Valve(6, 0.6, 6, 0.6, 6, 0.6, 3, 5), Mail.NONE);
    }

    /**
     * Reads umha.conf; a value that is not what its option takes keeps the default and adds a line to
     * {@code problems} (with the file's line number), so a typo never silently loosens a threshold.
     */
    public static UmhaConfig parse(String text, UmhaConfig defaults, List<String> problems) {
        Reader r = new Reader(IniConfig.parse(text), problems);
        Valve v = defaults.valve();
        return new UmhaConfig(
                r.bool("DEFAULT", "has_IPMI", defaults.hasIpmi()),
                r.path("DEFAULT", "ipmi_info", defaults.ipmiInfo()),
                r.path("DEFAULT", "node_storage_ip_info", defaults.nodeStorageIpInfo()),
                r.count("DEFAULT", "ping_count", defaults.pingCount()),
                r.bool("DEFAULT", "allow_evacuate_local_vm", defaults.allowEvacuateLocalVm()),
                r.bool("DEFAULT", "on_share_storage", defaults.onShareStorage()),
                r.count("DEFAULT", "ipmi_check_max_count", defaults.ipmiCheckMaxCount()),
                r.seconds("DEFAULT", "ipmi_check_interval", defaults.ipmiCheckInterval()),
                r.bool("DEFAULT", "force_evacuate_when_ipmi_unknown", defaults.forceEvacuateWhenIpmiUnknown()),
                r.bool("DEFAULT", "really_evacuate", defaults.reallyEvacuate()),
                r.seconds("DEFAULT", "interval_check_nova_service", defaults.intervalCheckNovaService()),
                r.seconds("DEFAULT", "max_second_wait_for_service_down", defaults.maxWaitForServiceDown()),
                r.seconds("DEFAULT", "seconds_before_check_vm_status", defaults.beforeCheckVmStatus()),
                r.seconds("time", "evacuate_timeout", defaults.evacuateTimeout()),
                r.hours("email", "send_interval_hours", defaults.sendInterval()),
                new Valve(
                        r.count("valve", "storage_number", v.storageNumber()),
                        r.ratio("valve", "storage_ratio", v.storageRatio()),
                        r.count("valve", "power_off_number", v.powerOffNumber()),
                        r.ratio("valve", "power_off_ratio", v.powerOffRatio()),
                        r.count("valve", "panic_number", v.panicNumber()),
                        r.ratio("valve", "panic_ratio", v.panicRatio()),
                        r.count("valve", "error_count", v.errorCount()),
                        r.count("valve", "continue_count", v.continueCount())),
                mail(r, defaults.mail()));
    }

    private static Mail mail(Reader r, Mail d) {
        Mail mail = new Mail(
                r.bool("email", "enable_send_mail", d.enabled()),
                r.host("email", "send_server", d.server()),
                r.port("email", "send_port", d.port()),
                r.bool("email", "need_auth", d.needAuth()),
                r.string("email", "sender_username", d.username()),
                r.ini().option("email", "sender_pwd").map(o -> o.value().strip()).orElse(d.password()), // never echoed
                r.addresses("email", "receiver_list", d.receivers()),
                r.string("email", "mail_subject", d.subject()));
        if (mail.enabled()) {
            mail.unusable().ifPresent(why -> r.problems().add("enable_send_mail = true but " + why + ": no mail"));
        }
        return mail;
    }

    /** Typed reads of one option, falling back to the default with a problem line. */
    private record Reader(IniConfig ini, List<String> problems) {

        Optional<IniConfig.Option> option(String section, String key) {
            return ini.option(section, key);
        }

        boolean bool(String section, String key, boolean otherwise) {
            return option(section, key).map(o -> switch (o.value().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> bad(o, "true or false", otherwise);
            }).orElse(otherwise);
        }

        int count(String section, String key, int otherwise) {
            return number(section, key, otherwise, Integer::parseInt, n -> n >= 1, "a whole number of at least 1");
        }

        double ratio(String section, String key, double otherwise) {
            return number(section, key, otherwise, Double::parseDouble, d -> d > 0 && d <= 1,
                    "a ratio above 0 and at most 1 (such as 0.6)");
        }

        Duration seconds(String section, String key, Duration otherwise) {
            return number(section, key, otherwise, v -> Duration.ofSeconds(Long.parseLong(v)),
                    d -> !d.isNegative() && d.toSeconds() <= 86_400, "seconds from 0 to 86400");
        }

        Duration hours(String section, String key, Duration otherwise) {
            return number(section, key, otherwise, v -> Duration.ofHours(Long.parseLong(v)),
                    d -> !d.isNegative() && d.toHours() <= 8_760, "hours from 0 to 8760");
        }

        /** A number-like option: parsed, then held to its range; either failing keeps the default. */
        private <T> T number(String section, String key, T otherwise, java.util.function.Function<String, T> parse,
                             java.util.function.Predicate<T> valid, String expected) {
            return option(section, key).map(o -> {
                try {
                    T value = parse.apply(o.value().strip());
                    return valid.test(value) ? value : bad(o, expected, otherwise);
                } catch (NumberFormatException | ArithmeticException e) {
                    return bad(o, expected, otherwise);
                }
            }).orElse(otherwise);
        }

        int port(String section, String key, int otherwise) {
            return number(section, key, otherwise, Integer::parseInt, n -> n >= 1 && n <= 65_535, "a port (1 to 65535)");
        }

        String string(String section, String key, String otherwise) {
            return option(section, key).map(o -> {
                String value = o.value().strip();
                return value.chars().anyMatch(Character::isISOControl) ? bad(o, "one line of text", otherwise) : value;
            }).orElse(otherwise);
        }

        /** A mail server's host name or address (what a socket connects to; no port, no scheme). */
        String host(String section, String key, String otherwise) {
            return option(section, key).map(o -> {
                String value = o.value().strip();
                return value.isEmpty() || UmhaFiles.isAddress(value) || value.matches("[0-9A-Fa-f:.]+") && value.contains(":")
                        ? value : bad(o, "a host name or address", otherwise);
            }).orElse(otherwise);
        }

        /** An oslo list of mail addresses; each address that is not one is left out with a problem line. */
        List<String> addresses(String section, String key, List<String> otherwise) {
            return option(section, key).map(o -> {
                List<String> valid = new java.util.ArrayList<>();
                for (String a : o.value().split(",")) {
                    String address = a.strip();
                    if (MailMessage.isAddress(address)) {
                        valid.add(address);
                    } else if (!address.isEmpty()) {
                        problems.add("line " + o.line() + ": [" + o.section() + "] " + o.key() + ": "
                                + MailMessage.printable(address) + " is not a mail address; left out");
                    }
                }
                return List.copyOf(valid);
            }).orElse(otherwise);
        }

        Path path(String section, String key, Path otherwise) {
            return option(section, key).map(o -> {
                String value = o.value().strip();
                if (value.isEmpty()) {
                    return bad(o, "a file name", otherwise);
                }
                try {
                    return Path.of(value);
                } catch (InvalidPathException e) { // a NUL, or a character the file system's encoding cannot hold
                    return bad(o, "a file name this system can open", otherwise);
                }
            }).orElse(otherwise);
        }

        private <T> T bad(IniConfig.Option o, String expected, T otherwise) {
            problems.add("line " + o.line() + ": [" + o.section() + "] " + o.key() + " = " + o.value()
                    + " is not " + expected + "; using " + otherwise);
            return otherwise;
        }
    }
}
