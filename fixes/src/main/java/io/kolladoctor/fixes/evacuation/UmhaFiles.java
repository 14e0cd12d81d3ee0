package io.kolladoctor.fixes.evacuation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UMHA's two host lists (../shared/seeds/002): {@code ipmi_info}, one {@code hostname:ip:username:password} per line,
 * and {@code node_storage_ip_info}, one {@code hostname:storage_ip} per line. Blank lines and {@code #} comments are
 * skipped; a password may itself contain colons. A line that cannot be read is reported by number, never echoed
 * (it may hold a password).
 */
public final class UmhaFiles {

    private UmhaFiles() {
    }

    public static Map<String, BmcAccess> ipmiInfo(String text, List<String> problems) {
        Map<String, BmcAccess> bmcs = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", 4);
            if (f.length < 4 || f[0].isBlank() || !isAddress(f[1]) || f[2].isBlank() || f[3].isEmpty()) {
                problems.add("ipmi_info line " + (i + 1) + ": not hostname:ip:username:password (not shown: it may hold a password)");
                continue;
            }
            if (bmcs.containsKey(f[0].strip())) {
                problems.add("ipmi_info line " + (i + 1) + ": " + f[0].strip() + " is listed again; the first entry is used");
                continue;
            }
            bmcs.put(f[0].strip(), new BmcAccess(f[0].strip(), f[1].strip(), BmcAccess.IPMI_PORT, f[2].strip(), f[3]));
        }
        return bmcs;
    }

    public static Map<String, String> storageIps(String text, List<String> problems) {
        Map<String, String> ips = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", 2);
            if (f.length < 2 || f[0].isBlank() || !isAddress(f[1])) {
                // not echoed either: an ipmi_info line (with its password) pasted here by mistake is not a storage line
                problems.add("node_storage_ip_info line " + (i + 1) + ": not hostname:storage_ip (not shown)");
                continue;
            }
            ips.putIfAbsent(f[0].strip(), f[1].strip());
        }
        return ips;
    }

    /** A dotted IPv4 address or a host name: what UMHA's files hold (IPv6 would clash with the colons). */
    static boolean isAddress(String text) {
        String t = text.strip();
        return !t.isEmpty() && t.length() <= 253 && t.matches("[A-Za-z0-9][A-Za-z0-9.\\-]*");
    }
}
