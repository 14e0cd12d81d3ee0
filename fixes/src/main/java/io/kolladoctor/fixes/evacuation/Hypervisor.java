package io.kolladoctor.fixes.evacuation;

/** A compute host's capacity, from {@code GET /os-hypervisors/detail} (memory in MiB, disk in GiB). */
public record Hypervisor(String host, long memoryMb, long memoryMbUsed, long localGb, long localGbUsed) {

    public long freeRamMb() {
        return memoryMb - memoryMbUsed;
    }

    public long freeDiskGb() {
        return localGb - localGbUsed;
    }
}
