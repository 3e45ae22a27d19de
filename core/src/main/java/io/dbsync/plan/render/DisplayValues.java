package io.dbsync.plan.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Unknown;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one value reads in a plan. Scalars as terraform prints them (strings quoted), unknowns as
 * "(known after apply)", and long content never dumped: an artifact (compare form "sha256:...") or a
 * multi-line or long text shows as a short hash, so a changed notebook or init script reads as a
 * hash change. Objects are blocks, except map-typed attributes (spark_conf, tags, ...), which the
 * provider's schema declares as maps and terraform prints as {@code name = { "key" = value }}.
 */
final class DisplayValues {
  static final String SENSITIVE = "(sensitive value)";
  /** Texts longer than this (or with a line break) show as their hash. */
  static final int LONG_TEXT = 200;
  /** Map-typed attributes of the provider's schema (anything with a key that is not an identifier is a map too). */
  private static final Set<String> MAP_ATTRIBUTES = Set.of("spark_conf", "spark_env_vars", "custom_tags", "tags",
      "default_tags", "base_parameters", "named_parameters", "job_parameters", "parameters", "extra_configs",
      "options", "properties", "environment_vars", "configuration");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern ARTIFACT_HASH = Pattern.compile("sha256:([0-9a-f]{64})");

  private DisplayValues() {}

  /** An object read as a map attribute ({@code name = { ... }}) rather than a nested block. */
  static boolean isMap(String key, JsonNode v) {
    if (v == null || !v.isObject()) {
      return false;
    }
    if (MAP_ATTRIBUTES.contains(key)) {
      return true;
    }
    for (String name : fieldNames(v)) {
      if (!IDENTIFIER.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  /** A nested block (an object that is not a map) or a repeated block (a list of objects). */
  static boolean isBlock(String key, JsonNode v) {
    if (v == null || Unknown.is(v)) {
      return false;
    }
    if (v.isObject()) {
      return !isMap(key, v);
    }
    if (v.isArray() && !v.isEmpty()) {
      for (JsonNode e : v) {
        if (!e.isObject()) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** A list of values that are not objects: printed as {@code [ ... ]}, one element a line. */
  static boolean isList(JsonNode v) {
    return v != null && v.isArray() && !isBlock("", v);
  }

  /** One value on one line. */
  static String scalar(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (Unknown.is(v)) {
      return Unknown.DISPLAY;
    }
    if (v.isTextual()) {
      String s = v.asText();
      var artifact = ARTIFACT_HASH.matcher(s);
      if (artifact.matches()) {
        return "(file sha256:" + artifact.group(1).substring(0, 12) + ")";
      }
      if (s.length() > LONG_TEXT || s.indexOf('\n') >= 0) {
        return "(" + s.length() + " characters, sha256:" + sha256(s).substring(0, 12) + ")";
      }
      return TextNode.valueOf(s).toString();
    }
    if (v.isContainerNode()) {
      return TfJson.sorted(Unknown.displayable(v)).toString();
    }
    return v.asText();
  }

  /** A map key as terraform quotes it. */
  static String mapKey(String key) {
    return TextNode.valueOf(key).toString();
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isObject()) {
      n.fieldNames().forEachRemaining(out::add);
    }
    out.sort(null);
    return out;
  }

  /** Null, missing and empty containers mean "not set", as the differ has it. */
  static JsonNode absentIfEmpty(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isContainerNode() && n.isEmpty()) ? null : n;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
