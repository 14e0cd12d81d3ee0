package io.kolladoctor.deployment.facts.host;

import java.util.List;

/**
 * A file read verbatim from a host. {@code utf8} is false when the bytes were not UTF-8 (they were then
 * decoded as ISO-8859-1, so a line still reads, possibly with odd characters).
 */
public record ConfigFile(String host, String path, String text, boolean utf8) {

    public List<String> lines() {
        return text.lines().toList();
    }

    /**
     * {@code host:path}, the way evidence names a file; a file that is not UTF-8 says so here, so every
     * excerpt taken from it carries the warning (odd characters in it are the decoding, not the file).
     */
    public String where() {
        return host + ":" + path + (utf8 ? "" : " (not UTF-8, shown as ISO-8859-1)");
    }

    public IniConfig ini() {
        return IniConfig.parse(text);
    }

    public ApacheConfig apache() {
        return ApacheConfig.parse(text);
    }
}
