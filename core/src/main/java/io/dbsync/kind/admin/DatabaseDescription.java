package io.dbsync.kind.admin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A database as DESCRIBE DATABASE EXTENDED shows it: rows of (database_description_item,
 * database_description_value). Runtimes differ in labels ("Comment" or "Description", "Namespace
 * Name" or "Database Name"); Properties is Spark's rendering {@code ((k1,v1), (k2,v2))}, read by
 * splitting at "), (" and at the first comma of each pair (a value that itself contains "), ("
 * cannot be told apart and is reported by the caller's round trip, never guessed silently).
 */
record DatabaseDescription(String comment, String location, Map<String, String> properties) {
  static DatabaseDescription of(List<List<String>> rows) {
    String comment = null;
    String location = null;
    Map<String, String> properties = new TreeMap<>();
    for (List<String> row : rows) {
      if (row.size() < 2 || row.get(0) == null) {
        continue;
      }
      String value = row.get(1) == null ? "" : row.get(1);
      switch (row.get(0).strip()) {
        case "Comment", "Description" -> comment = value.isEmpty() ? null : value;
        case "Location" -> location = value.isEmpty() ? null : value;
        case "Properties" -> properties.putAll(properties(value));
        default -> {
        }
      }
    }
    return new DatabaseDescription(comment, location, properties);
  }

  static Map<String, String> properties(String rendered) {
    Map<String, String> out = new TreeMap<>();
    String s = rendered.strip();
    if (s.length() < 4 || !s.startsWith("((") || !s.endsWith("))")) {
      return out;
    }
    for (String pair : s.substring(2, s.length() - 2).split("\\), \\(", -1)) {
      int comma = pair.indexOf(',');
      if (comma > 0) {
        out.put(pair.substring(0, comma), pair.substring(comma + 1));
      }
    }
    return out;
  }
}
