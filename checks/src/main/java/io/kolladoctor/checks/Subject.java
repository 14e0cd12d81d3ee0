package io.kolladoctor.checks;

/**
 * What a finding is about: {@code kind} (container, user, floating-ip, stack, disk, listen, host…), its
 * {@code name}, and the host it lives on when it lives on one (null for cloud-wide subjects).
 */
public record Subject(String kind, String name, String host) {

    public static Subject of(String kind, String name) {
        return new Subject(kind, name, null);
    }

    public static Subject onHost(String kind, String host, String name) {
        return new Subject(kind, name, host);
    }

    /** {@code ctl1/nova_scheduler}, or just the name. */
    public String display() {
        return host == null || host.equals(name) ? name : host + "/" + name;
    }
}
