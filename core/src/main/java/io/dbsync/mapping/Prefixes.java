package io.dbsync.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prefix rewriting of string values (storage locations, workspace paths): the longest matching prefix
 * wins. A prefix ending in "/" also matches the folder itself ("s3://bucket/" matches "s3://bucket").
 * Prefixes match as text: end one with "/" to match a folder and not its siblings ("/Shared/etl/" does
 * not match "/Shared/etl2").
 */
final class Prefixes {
  record Hit(String from, String to, String result) {}

  private final List<Map.Entry<String, String>> longestFirst = new ArrayList<>();

  Prefixes(Map<String, String> prefixes) {
    longestFirst.addAll(prefixes.entrySet());
    longestFirst.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getKey().length())
        .thenComparing(Map.Entry::getKey));
  }

  boolean isEmpty() {
    return longestFirst.isEmpty();
  }

  Optional<Hit> rewrite(String s) {
    for (Map.Entry<String, String> e : longestFirst) {
      String from = e.getKey();
      String to = e.getValue();
      if (s.startsWith(from)) {
        return Optional.of(new Hit(from, to, to + s.substring(from.length())));
      }
      if (from.endsWith("/") && s.equals(from.substring(0, from.length() - 1))) {
        return Optional.of(new Hit(from, to, to.endsWith("/") ? to.substring(0, to.length() - 1) : to));
      }
    }
    return Optional.empty();
  }

  /**
   * Workspace paths: as {@link #rewrite}, and a path under /Workspace matches a prefix written
   * without it ("/Workspace/Shared/a" matches "/Shared/").
   */
  Optional<Hit> rewriteWorkspacePath(String s) {
    Optional<Hit> hit = rewrite(s);
    String ws = "/Workspace";
    if (hit.isEmpty() && s.startsWith(ws + "/")) {
      return rewrite(s.substring(ws.length()))
          .filter(h -> !h.from().startsWith(ws))
          .map(h -> new Hit(h.from(), h.to(), ws + h.result()));
    }
    return hit;
  }
}
