package io.dbsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML block objects.<key> for one kind. Values may be a string or a list where the seed allows
 * both (notebook_path, dbfs_path, exclude_path): {@link #strings} accepts either.
 */
public final class KindSettings {
  private final String key;
  private final JsonNode node;
  /** Compiled on first use; a race only compiles twice. */
  private volatile Selection selection;

  public KindSettings(String key, JsonNode node) {
    this.key = key;
    this.node = node == null ? MissingNode.getInstance() : node;
  }

  public static KindSettings empty(String key) {
    return new KindSettings(key, null);
  }

  public String key() {
    return key;
  }

  public JsonNode raw() {
    return node;
  }

  /** A string-or-list setting as a list (empty when absent). */
  public List<String> strings(String name) {
    JsonNode v = node.get(name);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(x -> out.add(x.asText()));
    } else {
      out.add(v.asText());
    }
    return out;
  }

  public boolean bool(String name, boolean dflt) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? dflt : v.asBoolean(dflt);
  }

  public Optional<JsonNode> get(String name) {
    return Optional.ofNullable(node.get(name));
  }

  /** Which objects these settings select ({@code patterns}, {@code by}, {@code exclude_path}). */
  public Selection selection() {
    Selection s = selection;
    if (s == null) {
      s = Selection.of(this);
      selection = s;
    }
    return s;
  }

  /** The {@code custom_map_vars} mapping (attribute path -> pattern), in file order. */
  public Map<String, String> customMapVars() {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode m = node.get("custom_map_vars");
    if (m != null && m.isObject()) {
      m.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
