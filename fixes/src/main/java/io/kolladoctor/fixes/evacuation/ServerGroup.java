package io.kolladoctor.fixes.evacuation;

import java.util.List;

/** A server group and its policy ({@code affinity}, {@code anti-affinity}, or the soft variants). */
public record ServerGroup(String id, String name, String policy, List<String> members) {

    public ServerGroup {
        members = List.copyOf(members);
    }

    /** Hard anti-affinity: Nova's filter refuses a host holding another member. */
    public boolean antiAffinity() {
        return "anti-affinity".equals(policy);
    }

    public boolean affinity() {
        return "affinity".equals(policy);
    }
}
