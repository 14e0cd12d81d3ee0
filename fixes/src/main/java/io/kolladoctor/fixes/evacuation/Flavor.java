package io.kolladoctor.fixes.evacuation;

/** What an instance needs of a host: memory in MiB, root disk in GiB. */
public record Flavor(String id, String name, long ramMb, int vcpus, long diskGb) {
}
