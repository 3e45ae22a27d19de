package io.dbsync.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which objects a kind's YAML block selects: the one rule every kind applies (as the seed did and the
 * {@code init} template documents).
 * <pre>
 *   cluster:
 *     patterns: ["etl-*", "shared *"]   # globs on the object's name; any of them selects; absent = all
 *     by:                               # regular expressions on fields of the API object
 *       cluster_name: ".*etl.*"         # a value must match one expression fully
 *       custom_tags.team: ["a", "b"]    # a dotted path reaches nested fields; a list means any of them
 *     exclude_path: ["/Users/**&#47;tmp/**"]  # globs of paths to leave out (path kinds)
 * </pre>
 * An object is selected when its name matches one of the {@code patterns} (a list is a union; in a
 * name pattern {@code *} matches any text, '/' included, like the seed's fnmatch) and, when there are
 * {@code by} filters, when some listed field has a value that one of that field's expressions matches
 * fully (any filter selects, as the seed's LocalFilterBy; along a path every element of an array is
 * tried). Paths are left out when they match one of the {@code exclude_path} globs ({@code *} within
 * one path segment, {@code **} across, a "dbfs:" prefix ignored).
 */
public final class Selection {
  private final List<Pattern> patterns;
  private final Map<String, List<Pattern>> by;
  private final List<Pattern> excludes;

  private Selection(List<Pattern> patterns, Map<String, List<Pattern>> by, List<Pattern> excludes) {
    this.patterns = patterns;
    this.by = by;
    this.excludes = excludes;
  }

  /** The selection of a kind's settings ({@code patterns}, {@code by}, {@code exclude_path}). */
  public static Selection of(KindSettings settings) {
    List<Pattern> patterns = new ArrayList<>();
    settings.strings("patterns").forEach(g -> patterns.add(Globs.compile(g, true)));
    Map<String, List<Pattern>> by = new LinkedHashMap<>();
    settings.get("by").filter(JsonNode::isObject).ifPresent(node -> node.properties().forEach(e -> {
      List<Pattern> regexes = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> regexes.add(Pattern.compile(v.asText())));
      } else {
        regexes.add(Pattern.compile(e.getValue().asText()));
      }
      by.put(e.getKey(), regexes);
    }));
    List<Pattern> excludes = new ArrayList<>();
    settings.strings("exclude_path").forEach(g -> excludes.add(Globs.compile(withoutScheme(g))));
    return new Selection(List.copyOf(patterns), by, List.copyOf(excludes));
  }

  /** True when the name matches the patterns and the API object the {@code by} filters. */
  public boolean selects(String name, JsonNode raw) {
    return matchesName(name) && matchesBy(raw);
  }

  /** True when there are no {@code patterns} or the name matches one of them. */
  public boolean matchesName(String name) {
    String n = name == null ? "" : name;
    return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(n).matches());
  }

  /** True when there are no {@code by} filters or a listed field has a value one of its expressions matches fully. */
  public boolean matchesBy(JsonNode raw) {
    if (by.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, List<Pattern>> filter : by.entrySet()) {
      List<String> values = new ArrayList<>();
      collect(raw, filter.getKey().split("\\."), 0, values);
      for (String v : values) {
        if (filter.getValue().stream().anyMatch(p -> p.matcher(v).matches())) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when the path matches one of the {@code exclude_path} globs (a "dbfs:" prefix is ignored). */
  public boolean excludesPath(String path) {
    String p = withoutScheme(path);
    return excludes.stream().anyMatch(g -> g.matcher(p).matches());
  }

  private static String withoutScheme(String path) {
    return path.startsWith("dbfs:") ? path.substring("dbfs:".length()) : path;
  }

  /** The scalar values at a dotted path, trying every element of the arrays along the way. */
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
