package io.kolladoctor.deployment.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one Jackson mapper, and small helpers that read API bodies without throwing on odd shapes. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    private Json() {
    }

    /** Parses a JSON document; the exception names line and column, and says "truncated" when it ends early. */
    public static JsonNode parse(String text) throws MalformedException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MalformedException("empty document (no JSON at all)");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what = e.getOriginalMessage().contains("end-of-input") ? "truncated JSON" : "invalid JSON";
            throw new MalformedException(what + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MalformedException("unreadable JSON: " + e.getMessage());
        }
    }

    /** The array under {@code field} (e.g. {@code "users"} of Keystone's list body), or the node itself if it is an array. */
    public static List<JsonNode> list(JsonNode body, String field) throws MalformedException {
        JsonNode array = body.isArray() ? body : body.path(field);
        if (!array.isArray()) {
            throw new MalformedException("expected a list under \"" + field + "\", found " + kind(array));
        }
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** Text of a field, or null when missing or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    public static boolean bool(JsonNode node, String field, boolean otherwise) {
        JsonNode value = node.path(field);
        return value.isBoolean() ? value.booleanValue() : otherwise;
    }

    public static long number(JsonNode node, String field, long otherwise) {
        JsonNode value = node.path(field);
        return value.canConvertToLong() ? value.asLong() : otherwise;
    }

    /** A JSON object of strings as a map (labels, annotations, ConfigMap data). */
    public static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return map;
    }

    /** A path of fields, tolerant of missing links: {@code at(n, "State", "Health")}. */
    public static JsonNode at(JsonNode node, String... fields) {
        JsonNode current = node;
        for (String field : fields) {
            if (current == null) {
                return MissingNode.getInstance();
            }
            current = current.path(field);
        }
        return current;
    }

    private static String kind(JsonNode node) {
        return node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
