package io.kolladoctor.app.tui.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An Aodh alarm ({@code GET /v2/alarms}, a JSON array): name, state, severity, enabled, type, last state change. */
public record AlarmRow(String id, String name, String state, String severity, boolean enabled, String type,
                       String stateChanged, String stateReason) {

    public static final String ALARMS = "alarming/alarms.json";

    public int trouble() {
        return "alarm".equals(state) ? 2 : "insufficient data".equals(state) ? 1 : 0;
    }

    public static Section<AlarmRow> load(Facts facts, SecretMasker masker) {
        String cloud = facts.source().topology().cloud();
        if (cloud == null) {
            return Section.failed("this source reaches no OpenStack cloud");
        }
        List<String> problems = new ArrayList<>();
        List<AlarmRow> rows = new ArrayList<>();
        for (JsonNode a : ServiceRow.raw(facts, cloud, ALARMS, "aodh alarms", null, problems, masker)) {
            rows.add(new AlarmRow(ServiceRow.text(a, "alarm_id"), masker.mask(ServiceRow.text(a, "name")),
                    ServiceRow.text(a, "state"), ServiceRow.text(a, "severity"), a.path("enabled").asBoolean(true),
                    ServiceRow.text(a, "type"), ServiceRow.text(a, "state_timestamp"),
                    masker.mask(ServiceRow.text(a, "state_reason"))));
        }
        rows.sort(Comparator.comparingInt((AlarmRow r) -> -r.trouble()).thenComparing(r -> String.valueOf(r.name())));
        return Section.of(rows, problems);
    }
}
