package io.kolladoctor.app.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.sweep.SweepResult;
import io.kolladoctor.deployment.parse.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --format json}: schema {@code kolla-doctor-findings/1}, documented in docs/json-output.md.
 * Every finding, OK and SKIP included, worst first; all text already masked by the sweep.
 */
public final class JsonReport {

    public static final String SCHEMA = "kolla-doctor-findings/1";

    private JsonReport() {
    }

    public static void write(SweepResult result, String version, PrintWriter out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("tool", Map.of("name", "kolla-doctor", "version", version));
        doc.put("source", result.source());
        doc.put("asOf", result.asOf().toString());
        doc.put("started", result.started().toString());
        doc.put("durationMs", result.took().toMillis());
        doc.put("requests", result.fetches());
        doc.put("status", result.worst().name());
        doc.put("exitCode", Exits.code(result.worst()));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            counts.put(s.name(), result.counts().get(s));
        }
        doc.put("counts", counts);
        doc.put("findings", result.findings().stream().map(JsonReport::finding).toList());
        try {
            String text = Json.MAPPER.copy()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
                    .writeValueAsString(doc);
            out.println(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", f.checkId());
        m.put("status", f.status().name());
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("kind", f.subject().kind());
        subject.put("name", f.subject().name());
        subject.put("host", f.subject().host());
        m.put("subject", subject);
        m.put("summary", f.summary());
        m.put("evidence", f.evidence().stream().map(JsonReport::evidence).toList());
        m.put("fixHint", f.fixHint());
        m.put("fixId", f.fixId());
        return m;
    }

    private static Map<String, Object> evidence(Evidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", e.source());
        m.put("location", e.location());
        m.put("excerpt", e.excerpt());
        return m;
    }

}
