package io.dbsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The YAML block objects.<key> for one kind. Values may be a string or a list where the seed allows
 * both (notebook_path, dbfs_path, exclude_path): {@link #strings} accepts either.
 */
public final class KindSettings {
  private final String key;
  private final JsonNode node;

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

  // ------------------------------------------------------------ selection helpers for kinds

  /** The {@code patterns} globs (empty when absent: everything matches). */
  public List<String> patterns() {
    return strings("patterns");
  }

  /**
   * True when there are no {@code patterns} or the name matches one of them ({@code *} matches any
   * text): a list of patterns is a union, as in the seed's match_patterns (fnmatch, any()).
   */
  public boolean matchesPatterns(String name) {
    List<String> globs = patterns();
    if (globs.isEmpty()) {
      return true;
    }
    for (String glob : globs) {
      if (Globs.compile(glob, true).matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code by} filters: an object is selected when, for some field path (dots into nested objects,
   * any element of an array along the way), a value there fully matches one of that field's regular
   * expressions — any filter selects, as in the seed's LocalFilterBy. True when there are no filters.
   */
  public boolean matchesBy(JsonNode object) {
    JsonNode by = node.get("by");
    if (by == null || !by.isObject()) {
      return true;
    }
    var fields = by.fields();
    while (fields.hasNext()) {
      var f = fields.next();
      List<String> regexes = new ArrayList<>();
      if (f.getValue().isArray()) {
        f.getValue().forEach(x -> regexes.add(x.asText()));
      } else {
        regexes.add(f.getValue().asText());
      }
      List<String> values = new ArrayList<>();
      collect(object, f.getKey().split("\\."), 0, values);
      boolean any = false;
      for (String v : values) {
        for (String re : regexes) {
          if (java.util.regex.Pattern.compile(re).matcher(v).matches()) {
            any = true;
            break;
          }
        }
      }
      if (any) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code path} matches one of the {@code exclude_path} globs (a "dbfs:" prefix is ignored). */
  public boolean excludedPath(String path) {
    String p = path.startsWith("dbfs:") ? path.substring("dbfs:".length()) : path;
    for (String glob : strings("exclude_path")) {
      String g = glob.startsWith("dbfs:") ? glob.substring("dbfs:".length()) : glob;
      if (Globs.compile(g).matcher(p).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The {@code custom_map_vars} mapping (attribute path -> pattern), in file order. */
  public java.util.Map<String, String> customMapVars() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    JsonNode m = node.get("custom_map_vars");
    if (m != null && m.isObject()) {
      m.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static void collect(JsonNode at, String[] path, int i, List<String> out) {
    if (at == null || at.isNull() || at.isMissingNode()) {
      return;
    }
    if (at.isArray()) {
      at.forEach(x -> collect(x, path, i, out));
      return;
    }
    if (i == path.length) {
      if (at.isValueNode()) {
        out.add(at.asText());
      }
      return;
    }
    collect(at.get(path[i]), path, i + 1, out);
  }
}
