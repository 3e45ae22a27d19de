package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.config.KindSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which listed objects a kind exports, from its YAML block:
 * <pre>
 *   cluster:
 *     patterns: ["etl-*", "shared *"]      # globs on the object's name; absent = all
 *     by:                                   # regexes (searched, not anchored) on raw API fields
 *       cluster_name: "^team-a"             # a dotted path reaches nested fields: settings.name
 *       custom_tags.team: ["a", "b"]        # a list means any of them
 * </pre>
 * An object is selected when its name matches one of the patterns and every {@code by} field matches.
 */
final class Selection {
  private final List<Pattern> patterns = new ArrayList<>();
  private final Map<String, List<Pattern>> by = new LinkedHashMap<>();

  Selection(KindSettings settings) {
    for (String glob : settings.strings("patterns")) {
      patterns.add(globToRegex(glob));
    }
    settings.get("by").filter(JsonNode::isObject).ifPresent(node -> node.fields().forEachRemaining(e -> {
      List<Pattern> regexes = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> regexes.add(Pattern.compile(v.asText())));
      } else {
        regexes.add(Pattern.compile(e.getValue().asText()));
      }
      by.put(e.getKey(), regexes);
    }));
  }

  boolean selects(String name, JsonNode raw) {
    String n = name == null ? "" : name;
    if (!patterns.isEmpty() && patterns.stream().noneMatch(p -> p.matcher(n).matches())) {
      return false;
    }
    for (Map.Entry<String, List<Pattern>> e : by.entrySet()) {
      JsonNode v = at(raw, e.getKey());
      if (v == null || v.isMissingNode() || v.isNull() || v.isContainerNode()) {
        return false;
      }
      String text = v.asText();
      if (e.getValue().stream().noneMatch(p -> p.matcher(text).find())) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode at(JsonNode raw, String dotted) {
    JsonNode cur = raw;
    for (String part : dotted.split("\\.")) {
      if (cur == null) {
        return null;
      }
      cur = cur.get(part);
    }
    return cur;
  }

  static Pattern globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString(), Pattern.DOTALL);
  }
}
