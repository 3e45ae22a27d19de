package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies a cluster policy definition to a ClusterSpec the way the clusters API does: fixed values
 * are filled in when omitted, defaults too when {@code apply_policy_default_values} is true, and
 * values breaking a rule are rejected with 400 INVALID_PARAMETER_VALUE "Validation failed for ...".
 *
 * <p>Paths: a top-level attribute, a dotted path into an object ({@code autoscale.max_workers},
 * {@code aws_attributes.availability}), a key of a map attribute ({@code spark_conf.<key>},
 * {@code spark_env_vars.<key>}, {@code custom_tags.<key>}, the key may itself contain dots), array
 * indexes ({@code init_scripts.0.workspace.destination}) and the virtual {@code cluster_type}
 * ("all-purpose" here). Rules on paths with {@code *} and on other virtual attributes
 * ({@code dbus_per_hour}, {@code cluster_log_conf.type}) are not enforced. Presence is required only
 * for allowlist and regex rules without {@code isOptional}.
 */
final class PolicyEnforcer {
  static final Set<String> RULE_TYPES = Set.of("fixed", "forbidden", "allowlist", "blocklist", "regex", "range", "unlimited");
  private static final Set<String> MAP_ATTRIBUTES = Set.of("spark_conf", "spark_env_vars", "custom_tags");
  private static final Set<String> UNENFORCED_VIRTUAL = Set.of("dbus_per_hour", "cluster_log_conf.type",
      "cluster_log_conf.path");

  private PolicyEnforcer() {}

  /** Checks that a policy definition is an object of rules with known types (policy create/edit). */
  static void checkDefinition(ObjectNode definition) {
    definition.properties().forEach(e -> {
      JsonNode rule = e.getValue();
      String type = rule.isObject() ? Json.text(rule, "type") : null;
      if (type == null || !RULE_TYPES.contains(type)) {
        throw ApiException.invalidParameter("Invalid policy definition for " + e.getKey() + ": rule type must be one of "
            + RULE_TYPES.stream().sorted().toList());
      }
    });
  }

  static void apply(ObjectNode spec, ObjectNode definition, String clusterType) {
    boolean defaults = spec.path("apply_policy_default_values").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = definition.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = e.getKey();
      JsonNode rule = e.getValue();
      if (path.contains("*") || UNENFORCED_VIRTUAL.contains(path)) {
        continue;
      }
      boolean virtual = path.equals("cluster_type");
      JsonNode value = virtual ? Json.MAPPER.getNodeFactory().textNode(clusterType) : get(spec, path);
      String type = Json.text(rule, "type");
      if (value == null && !virtual) {
        JsonNode fill = "fixed".equals(type) ? rule.get("value") : defaults ? rule.get("defaultValue") : null;
        if (fill != null && !fill.isNull()) {
          set(spec, path, fill.deepCopy());
          continue;
        }
        boolean required = ("allowlist".equals(type) || "regex".equals(type)) && !rule.path("isOptional").asBoolean(false);
        if (required) {
          throw violation(path, "the value must be present");
        }
        continue;
      }
      check(path, value, rule, type);
    }
  }

  private static void check(String path, JsonNode value, JsonNode rule, String type) {
    switch (type) {
      case "fixed" -> {
        if (!same(value, rule.get("value"))) {
          throw violation(path, "the value must be " + rule.get("value"));
        }
      }
      case "forbidden" -> throw violation(path, "the value must not be present");
      case "allowlist", "blocklist" -> {
        boolean listed = false;
        for (JsonNode v : rule.path("values")) {
          listed |= same(value, v);
        }
        if (listed != "allowlist".equals(type)) {
          throw violation(path, "the value must " + ("allowlist".equals(type) ? "be one of " : "not be one of ")
              + rule.path("values"));
        }
      }
      case "regex" -> {
        String pattern = Json.text(rule, "pattern");
        if (pattern != null && !Pattern.compile(pattern).matcher(value.asText()).matches()) {
          throw violation(path, "the value must match the regular expression " + pattern);
        }
      }
      case "range" -> {
        double v = value.asDouble();
        if (rule.has("minValue") && v < rule.get("minValue").asDouble()
            || rule.has("maxValue") && v > rule.get("maxValue").asDouble()) {
          throw violation(path, "the value must be within [" + rule.path("minValue").asText("-inf") + ", "
              + rule.path("maxValue").asText("inf") + "]");
        }
      }
      default -> {
        // unlimited: any value
      }
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.isNumber() || b.isNumber()) {
      try {
        return Double.parseDouble(a.asText()) == Double.parseDouble(b.asText());
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return a.asText().equals(b.asText());
  }

  private static ApiException violation(String path, String reason) {
    return ApiException.invalidParameter("Validation failed for " + path + ", " + reason);
  }

  /** [container path, leaf key]: map attributes take the whole rest as one key. */
  private static String[] split(String path) {
    int dot = path.indexOf('.');
    if (dot > 0 && MAP_ATTRIBUTES.contains(path.substring(0, dot))) {
      return new String[] {path.substring(0, dot), path.substring(dot + 1)};
    }
    return path.split("\\.");
  }

  private static JsonNode get(JsonNode spec, String path) {
    JsonNode cur = spec;
    for (String part : split(path)) {
      if (cur == null) {
        return null;
      }
      cur = cur.isArray() && part.matches("\\d+") ? cur.get(Integer.parseInt(part)) : cur.get(part);
    }
    return cur == null || cur.isNull() ? null : cur;
  }

  /** Sets a value, creating objects on the way; paths through arrays are left alone. */
  private static void set(ObjectNode spec, String path, JsonNode value) {
    String[] parts = split(path);
    ObjectNode cur = spec;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.get(parts[i]);
      if (next == null || next.isNull()) {
        next = cur.putObject(parts[i]);
      }
      if (!next.isObject()) {
        return;
      }
      cur = (ObjectNode) next;
    }
    cur.set(parts[parts.length - 1], value);
  }
}
