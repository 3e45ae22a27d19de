package io.dbsync.emulator.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MLflow search syntax shared by experiments and registered models: filters are clauses joined
 * by AND, each {@code name|attribute.name|tags.<key> =|!=|LIKE|ILIKE '<value>'} (% and _ are LIKE
 * wildcards); order_by entries are {@code <field> [ASC|DESC]}. Also tag upserts and the MLflow error
 * texts for missing and out-of-range request parameters.
 */
final class MlflowSearch {
  private static final Pattern CLAUSE = Pattern.compile(
      "\\s*(attribute\\.name|name|tags\\.`[^`]+`|tags\\.[\\w.\\-]+)\\s*(=|!=|LIKE|ILIKE)\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*",
      Pattern.CASE_INSENSITIVE);

  private MlflowSearch() {}

  /** A predicate for a filter string; {@code implicitWildcards} makes LIKE 'x' mean LIKE '%x%' (registered models). */
  static Predicate<ObjectNode> filter(String filter, boolean implicitWildcards) {
    if (filter == null || filter.isBlank()) {
      return o -> true;
    }
    List<Predicate<ObjectNode>> clauses = new ArrayList<>();
    for (String clause : filter.split("(?i)\\s+AND\\s+")) {
      Matcher m = CLAUSE.matcher(clause);
      if (!m.matches()) {
        throw ApiException.invalidParameter("Invalid filter '" + filter + "': cannot parse '" + clause.trim() + "'");
      }
      String attr = m.group(1);
      String op = m.group(2).toUpperCase(Locale.ROOT);
      String value = m.group(3) != null ? m.group(3) : m.group(4);
      if (implicitWildcards && op.endsWith("LIKE") && !value.contains("%")) {
        value = "%" + value + "%";
      }
      clauses.add(clause(attr, op, value));
    }
    return o -> clauses.stream().allMatch(c -> c.test(o));
  }

  private static Predicate<ObjectNode> clause(String attr, String op, String value) {
    boolean tag = attr.toLowerCase(Locale.ROOT).startsWith("tags.");
    String key = tag ? attr.substring(5).replace("`", "") : null;
    Pattern like = op.endsWith("LIKE") ? likePattern(value, op.equals("ILIKE")) : null;
    return o -> {
      String actual = tag ? tagValue(o, key) : Json.text(o, "name");
      if (actual == null) {
        return false;
      }
      return switch (op) {
        case "=" -> actual.equals(value);
        case "!=" -> !actual.equals(value);
        default -> like.matcher(actual).matches();
      };
    };
  }

  private static Pattern likePattern(String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : value.toCharArray()) {
      regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
  }

  private static String tagValue(ObjectNode o, String key) {
    for (JsonNode t : o.path("tags")) {
      if (key.equals(Json.text(t, "key"))) {
        return Json.text(t, "value");
      }
    }
    return null;
  }

  /** A comparator for order_by entries over the named fields (text or number), then {@code tiebreak}. */
  static Comparator<ObjectNode> order(List<String> orderBy, List<String> fields, Comparator<ObjectNode> defaultOrder,
                                      Comparator<ObjectNode> tiebreak) {
    if (orderBy.isEmpty()) {
      return defaultOrder.thenComparing(tiebreak);
    }
    Comparator<ObjectNode> c = null;
    for (String entry : orderBy) {
      String[] parts = entry.trim().split("\\s+");
      String field = parts[0].replaceFirst("^attribute\\.", "");
      if (!fields.contains(field)) {
        throw ApiException.invalidParameter("Invalid order_by clause '" + entry + "'. Supported fields: " + String.join(", ", fields));
      }
      Comparator<ObjectNode> one = Comparator.comparing(o -> o.path(field), MlflowSearch::compare);
      if (parts.length > 1 && parts[1].equalsIgnoreCase("DESC")) {
        one = one.reversed();
      }
      c = c == null ? one : c.thenComparing(one);
    }
    return c.thenComparing(tiebreak);
  }

  private static int compare(JsonNode a, JsonNode b) {
    return a.isNumber() && b.isNumber() ? Long.compare(a.asLong(), b.asLong()) : a.asText().compareTo(b.asText());
  }

  /** Sets a tag of an experiment or model ({"tags": [{key, value}]}), replacing a tag with the same key. */
  static void putTag(ObjectNode o, String key, String value) {
    com.fasterxml.jackson.databind.node.ArrayNode tags = o.has("tags")
        ? (com.fasterxml.jackson.databind.node.ArrayNode) o.get("tags") : o.putArray("tags");
    for (JsonNode t : tags) {
      if (key.equals(Json.text(t, "key"))) {
        ((ObjectNode) t).put("value", value);
        return;
      }
    }
    tags.addObject().put("key", key).put("value", value);
  }

  /** MLflow's 400 for a missing required parameter. */
  static ApiException missing(String parameter) {
    return ApiException.invalidParameter("Missing value for required parameter '" + parameter
        + "'. See the API docs for more information about request parameters.");
  }

  /** A required text parameter of a body or query. */
  static String require(String value, String parameter) {
    if (value == null || value.isEmpty()) {
      throw missing(parameter);
    }
    return value;
  }

  /** max_results: absent means the default; above the threshold is MLflow's 400. */
  static int maxResults(long requested, int defaultSize, int threshold) {
    if (requested > threshold || requested < 0) {
      throw ApiException.invalidParameter("Invalid value " + requested + " for parameter 'max_results' supplied. It must be "
          + "at most " + threshold + ".");
    }
    return requested == 0 ? defaultSize : (int) requested;
  }
}
