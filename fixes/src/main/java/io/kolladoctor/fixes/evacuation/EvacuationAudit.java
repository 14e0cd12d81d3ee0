package io.kolladoctor.fixes.evacuation;

import io.kolladoctor.fixes.AuditLog;
import java.io.IOException;

/** The evacuation's lines in the audit log: every power command and Nova change, with its answer. */
public final class EvacuationAudit {

    static final String FIX = "nova.evacuate";
    private final AuditLog log;
    private final String host;

    public EvacuationAudit(AuditLog log, String host) {
        this.log = log;
        this.host = host;
    }

    public void record(String event, String operation, String result, String detail) throws IOException {
        log.record(FIX, null, host, event, operation, result, detail);
    }

    /** For {@link Nova}: each mutating request with its HTTP status. */
    public Nova.Recorder novaRecorder() {
        return (request, result) -> record("step", request, result.ok() ? "done" : "failed",
                "HTTP " + result.status() + (result.ok() ? "" : ": " + Nova.message(result.body())));
    }
}
