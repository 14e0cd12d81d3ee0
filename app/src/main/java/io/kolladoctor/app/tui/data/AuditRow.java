package io.kolladoctor.app.tui.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.parse.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One line of the audit log ({@link io.kolladoctor.fixes.AuditLog}: one JSON object per line, already masked when
 * written): when, who and from where, which fix on which subject, the event, what ran and how it ended.
 */
public record AuditRow(int line, String time, String user, String from, String fix, String check, String subject,
                       String event, String operation, String result, String detail) {

    /** 2 a step failed or the check still fails, 1 refused or stopped, 0 fine. */
    public int trouble() {
        if ("failed".equals(result) || "not healed".equals(result)) {
            return 2;
        }
        return "refused".equals(event) || "stopped".equals(event) ? 1 : 0;
    }

    /** Every line of the file, newest first; lines that are not JSON objects are reported, not shown. */
    public static Section<AuditRow> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Section.of(List.of(), List.of());
        } catch (IOException e) {
            return Section.failed(file + " could not be read: " + e.getMessage());
        }
        List<AuditRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode n = Json.MAPPER.readTree(lines.get(i));
                if (n == null || !n.isObject()) {
                    throw new IOException("not a JSON object");
                }
                rows.add(new AuditRow(i + 1, text(n, "time"), text(n, "user"), text(n, "from"), text(n, "fix"),
                        text(n, "check"), text(n, "subject"), text(n, "event"), text(n, "operation"),
                        text(n, "result"), text(n, "detail")));
            } catch (IOException e) {
                problems.add(file + " line " + (i + 1) + " is not an audit entry (" + e.getMessage().lines().findFirst()
                        .orElse("") + ")");
            }
        }
        // ISO-8601 instants sort as text; the file's order breaks ties (and orders lines without a time)
        rows.sort(Comparator.comparing((AuditRow r) -> r.time() == null ? "" : r.time())
                .thenComparingInt(AuditRow::line).reversed());
        return Section.of(rows, problems);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
