package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.Templates;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Terraform schema of each resource type the tool handles, as data: one bundled JSON file per
 * type, {@code io/dbsync/tf/schema/<type>.json}, derived from the databricks provider (its docs and
 * resource schemas; SDK-struct resources with scripts/tf-schema-from-go-sdk.py):
 * <pre>
 *   {"attributes": {"name": "string", "num_workers": "number", "spark_conf": "map", ...},
 *    "blocks": {"autoscale": {"max_items": 1, "attributes": {...}, "blocks": {...}}, ...}}
 * </pre>
 * Attribute types: string, number, bool, map (of scalars), list (of scalars), any. Only arguments a
 * configuration may set are listed (computed-only ones are not). A revision is checked against it
 * when read (review D13): an unknown attribute, a value of the wrong type or a resource type without
 * a schema is an error naming the file and the attribute, instead of a change that never applies. A
 * new kind ships its schema file with it.
 */
public final class ResourceSchemas {
  private static final String DIR = "/io/dbsync/tf/schema/";
  /**
   * Arguments every resource accepts: the provider's provider_config, and terraform's meta-arguments
   * (ConfigReader handles those before the check; a resource body as written may hold them).
   */
  private static final Set<String> UNIVERSAL_BLOCKS = Set.of("provider_config", "depends_on", "lifecycle", "provider");
  private static final int MAX_ERRORS = 10;
  private static final Map<String, Optional<JsonNode>> CACHE = new ConcurrentHashMap<>();

  private ResourceSchemas() {}

  /** The schema of a resource type, if the tool has one. */
  public static Optional<JsonNode> of(String type) {
    return CACHE.computeIfAbsent(type, ResourceSchemas::load);
  }

  private static Optional<JsonNode> load(String type) {
    if (!type.matches("[a-z][a-z0-9_]*")) {
      return Optional.empty();
    }
    try (InputStream in = ResourceSchemas.class.getResourceAsStream(DIR + type + ".json")) {
      return in == null ? Optional.empty() : Optional.of(TfJson.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("bundled schema " + type + " is unreadable", e);
    }
  }

  /**
   * The problems of one resource's arguments ("num_workers must be a number, got \"three\""), empty
   * when it is valid.
   */
  public static List<String> problems(String type, JsonNode attrs) {
    Optional<JsonNode> schema = of(type);
    List<String> out = new ArrayList<>();
    if (schema.isEmpty()) {
      out.add("resource type " + type + " is not supported by this build (no schema for it)");
      return out;
    }
    checkBlock(schema.get(), attrs, "", out);
    return out;
  }

  /** Throws a {@link ConfigException} naming the file, the resource and each problem. */
  public static void check(String type, String name, JsonNode attrs, String file) throws ConfigException {
    List<String> problems = problems(type, attrs);
    if (!problems.isEmpty()) {
      List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_ERRORS));
      throw new ConfigException(file + ": " + type + "." + name + ": " + String.join("; ", shown)
          + (problems.size() > shown.size() ? "; and " + (problems.size() - shown.size()) + " more" : ""));
    }
  }

  private static void checkBlock(JsonNode schema, JsonNode node, String path, List<String> out) {
    JsonNode attributes = schema.path("attributes");
    JsonNode blocks = schema.path("blocks");
    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String at = path.isEmpty() ? key : path + "." + key;
      JsonNode v = e.getValue();
      if (attributes.has(key)) {
        String problem = valueProblem(attributes.get(key).asText(), v);
        if (problem != null) {
          out.add(at + " must be " + problem + ", got " + shown(v));
        }
      } else if (blocks.has(key)) {
        checkNested(blocks.get(key), v, at, out);
      } else if (!(path.isEmpty() && UNIVERSAL_BLOCKS.contains(key))) {
        out.add("unknown attribute \"" + at + "\"" + suggestion(key, attributes, blocks));
      }
    }
  }

  private static void checkNested(JsonNode block, JsonNode v, String at, List<String> out) {
    if (v == null || v.isNull()) {
      return;
    }
    if (v.isObject()) {
      checkBlock(block, v, at, out);
    } else if (v.isArray()) {
      int max = block.path("max_items").asInt(0);
      if (max > 0 && v.size() > max) {
        out.add(at + " allows at most " + max + " block" + (max == 1 ? "" : "s") + ", got " + v.size());
      }
      int i = 0;
      for (JsonNode x : v) {
        if (x.isObject()) {
          checkBlock(block, x, at + "." + i, out);
        } else {
          out.add(at + "." + i + " must be a block (an object), got " + shown(x));
        }
        i++;
      }
    } else {
      out.add(at + " must be a block (an object or a list of objects), got " + shown(v));
    }
  }

  /** Null when {@code v} fits the type; else what it should be. An expression fits any type. */
  static String valueProblem(String type, JsonNode v) {
    if (v == null || v.isNull() || (v.isTextual() && Templates.hasTemplateSequence(v.asText()))) {
      return null;
    }
    return switch (type) {
      case "string" -> v.isValueNode() ? null : "a string";
      case "number" -> v.isNumber() || (v.isTextual() && isNumber(v.asText())) ? null : "a number";
      case "bool" -> v.isBoolean() || (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false")))
          ? null : "true or false";
      case "map" -> v.isObject() && allScalars(v) ? null : "a map of strings";
      case "list" -> v.isArray() && allScalars(v) ? null : "a list of strings";
      default -> null;
    };
  }

  private static boolean isNumber(String s) {
    try {
      new BigDecimal(s.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean allScalars(JsonNode container) {
    for (JsonNode x : container) {
      if (!x.isValueNode()) {
        return false;
      }
    }
    return true;
  }

  private static String shown(JsonNode v) {
    String s = v.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** " (did you mean \"num_workers\"?)" for a near miss of an allowed name, else "". */
  private static String suggestion(String key, JsonNode attributes, JsonNode blocks) {
    String best = null;
    int bestDistance = 3;
    for (JsonNode names : List.of(attributes, blocks)) {
      Iterator<String> it = names.fieldNames();
      while (it.hasNext()) {
        String n = it.next();
        int d = distance(key, n);
        if (d < bestDistance) {
          bestDistance = d;
          best = n;
        }
      }
    }
    return best == null ? "" : " (did you mean \"" + best + "\"?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
