package io.dbsync.emulator.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps (method, path) to a handler. A template segment is a literal, a set of alternatives
 * ("2.0|2.1"), a variable ("{id}") or a tail variable ("{path*}") that takes the rest of the path.
 * Each route belongs to a family, the unit of rate limiting and request counting.
 */
public final class Router {
  public record Route(String method, String template, String family, Handler handler, String[] segments) {}

  public record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  public void add(String method, String template, String family, Handler handler) {
    routes.add(new Route(method, template, family, handler, split(template)));
  }

  public Optional<Match> match(String method, String path) {
    String[] parts = split(path);
    for (Route r : routes) {
      if (!r.method.equals(method)) {
        continue;
      }
      Map<String, String> params = matchSegments(r.segments, parts);
      if (params != null) {
        return Optional.of(new Match(r, params));
      }
    }
    return Optional.empty();
  }

  /** True when some route has this path under another method (405 rather than 404). */
  public boolean pathExists(String path) {
    String[] parts = split(path);
    return routes.stream().anyMatch(r -> matchSegments(r.segments, parts) != null);
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  private static Map<String, String> matchSegments(String[] template, String[] parts) {
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("*}")) {
        if (i >= parts.length) {
          return null;
        }
        params.put(t.substring(1, t.length() - 2), String.join("/", Arrays.copyOfRange(parts, i, parts.length)));
        return params;
      }
      if (i >= parts.length) {
        return null;
      }
      if (t.startsWith("{") && t.endsWith("}")) {
        params.put(t.substring(1, t.length() - 1), parts[i]);
      } else if (t.contains("|")) {
        boolean any = false;
        for (String alt : t.split("\\|")) {
          if (alt.equals(parts[i])) {
            any = true;
            break;
          }
        }
        if (!any) {
          return null;
        }
      } else if (!t.equals(parts[i])) {
        return null;
      }
    }
    return template.length == parts.length ? params : null;
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }
}
