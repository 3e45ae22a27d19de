package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the DDL that SHOW CREATE TABLE prints (Spark's layout: column list, USING, OPTIONS,
 * PARTITIONED BY, LOCATION, COMMENT, TBLPROPERTIES, and AS for views) into databricks_sql_table
 * attributes, and writes the CREATE ... IF NOT EXISTS statement for those attributes. Hive-format
 * tables (ROW FORMAT / STORED AS), bucketing and clustering have no databricks_sql_table form:
 * they are a {@link DdlException} and the exporter reports the table instead of guessing.
 */
final class TableDdl {
  static final String CATALOG = "hive_metastore";

  /** Properties the runtime sets itself (the provider ignores them as well). */
  private static final List<String> COMPUTED_PROPERTIES = List.of("delta.lastCommitTimestamp", "delta.lastUpdateVersion",
      "delta.minReaderVersion", "delta.minWriterVersion", "transient_lastDdlTime", "view.", "spark.sql.", "option.");

  static final class DdlException extends IOException {
    DdlException(String message) {
      super(message);
    }
  }

  private TableDdl() {}

  // ------------------------------------------------------------ parse

  static ObjectNode parse(String database, String table, String ddl) throws DdlException {
    Cursor c = new Cursor(ddl);
    c.expectWord("CREATE");
    boolean view;
    String kind = c.word();
    if (kind.equalsIgnoreCase("EXTERNAL")) {
      kind = c.word();
    }
    if (kind.equalsIgnoreCase("VIEW")) {
      view = true;
    } else if (kind.equalsIgnoreCase("TABLE")) {
      view = false;
    } else {
      throw new DdlException("not a CREATE TABLE/VIEW statement");
    }
    c.qualifiedName();
    ObjectNode out = TfJson.object();
    out.put("catalog_name", CATALOG);
    out.put("schema_name", database);
    out.put("name", table);
    ArrayNode columns = TfJson.array();
    if (c.peek() == '(') {
      for (String col : c.parenthesised()) {
        columns.add(column(col, view));
      }
    }
    String format = null;
    String location = null;
    Map<String, String> options = new TreeMap<>();
    Map<String, String> properties = new TreeMap<>();
    List<String> partitions = new ArrayList<>();
    while (!c.atEnd()) {
      String kw = c.word().toUpperCase(Locale.ROOT);
      switch (kw) {
        case "USING" -> format = c.word().toUpperCase(Locale.ROOT);
        case "OPTIONS" -> options.putAll(keyValues(c.parenthesised()));
        case "PARTITIONED" -> {
          c.expectWord("BY");
          for (String p : c.parenthesised()) {
            partitions.add(unquote(p.strip()));
          }
        }
        case "LOCATION" -> location = c.string();
        case "COMMENT" -> out.put("comment", c.string());
        case "TBLPROPERTIES" -> keyValues(c.parenthesised()).forEach((k, v) -> {
          if (COMPUTED_PROPERTIES.stream().noneMatch(k::startsWith)) {
            properties.put(k, v);
          }
        });
        case "AS" -> {
          if (!view) {
            throw new DdlException("CREATE TABLE ... AS has no databricks_sql_table form");
          }
          out.put("view_definition", c.rest());
        }
        default -> throw new DdlException("unsupported clause " + kw + " (Hive-format, bucketed or clustered tables are not exported)");
      }
    }
    out.put("table_type", view ? "VIEW" : location != null ? "EXTERNAL" : "MANAGED");
    if (format != null && !view) {
      out.put("data_source_format", format);
    }
    if (!columns.isEmpty()) {
      out.set("column", columns);
    }
    if (!partitions.isEmpty()) {
      ArrayNode p = out.putArray("partitions");
      partitions.forEach(p::add);
    }
    if (location != null) {
      out.put("storage_location", location);
    }
    if (!options.isEmpty()) {
      ObjectNode o = out.putObject("options");
      options.forEach(o::put);
    }
    if (!properties.isEmpty()) {
      ObjectNode p = out.putObject("properties");
      properties.forEach(p::put);
    }
    if (view && !out.has("view_definition")) {
      throw new DdlException("view without AS query");
    }
    return out;
  }

  private static ObjectNode column(String text, boolean view) throws DdlException {
    Cursor c = new Cursor(text.strip());
    ObjectNode col = TfJson.object();
    col.put("name", c.identifier());
    String rest = c.rest();
    String comment = null;
    Matcher m = Pattern
        .compile("(?is)^(.*?)\\s*\\bCOMMENT\\s+('(?:[^'\\\\]|\\\\.)*')\\s*$").matcher(rest);
    if (m.matches()) {
      rest = m.group(1);
      comment = new Cursor(m.group(2)).string();
    }
    boolean notNull = false;
    m = Pattern.compile("(?is)^(.*?)\\s*\\bNOT\\s+NULL\\s*$").matcher(rest);
    if (m.matches()) {
      rest = m.group(1);
      notNull = true;
    }
    rest = rest.strip();
    if (!rest.isEmpty()) {
      col.put("type", rest);
    } else if (!view) {
      throw new DdlException("column " + col.get("name").asText() + " has no type");
    }
    if (comment != null) {
      col.put("comment", comment);
    }
    if (notNull) {
      col.put("nullable", false);
    }
    return col;
  }

  private static Map<String, String> keyValues(List<String> items) throws DdlException {
    Map<String, String> out = new TreeMap<>();
    for (String item : items) {
      Cursor c = new Cursor(item.strip());
      String k = c.peek() == '\'' ? c.string() : c.identifier();
      if (c.peek() == '=') {
        c.pos++;
      }
      c.skipSpace();
      String v = c.peek() == '\'' ? c.string() : c.rest();
      out.put(k, v);
    }
    return out;
  }

  private static String unquote(String ident) {
    return ident.startsWith("`") && ident.endsWith("`") ? ident.substring(1, ident.length() - 1).replace("``", "`") : ident;
  }

  // ------------------------------------------------------------ generate

  /** CREATE TABLE|VIEW IF NOT EXISTS `db`.`t` ... for databricks_sql_table attributes. */
  static String createStatement(JsonNode attrs) {
    String type = attrs.path("table_type").asText("MANAGED");
    boolean view = type.equals("VIEW");
    StringBuilder sb = new StringBuilder("CREATE ").append(view ? "VIEW" : "TABLE").append(" IF NOT EXISTS ")
        .append(SqlRunner.ident(attrs.path("schema_name").asText())).append('.')
        .append(SqlRunner.ident(attrs.path("name").asText()));
    JsonNode cols = attrs.path("column");
    if (cols.isArray() && !cols.isEmpty()) {
      sb.append(" (\n");
      for (int i = 0; i < cols.size(); i++) {
        JsonNode col = cols.get(i);
        sb.append("  ").append(SqlRunner.ident(col.path("name").asText()));
        if (col.hasNonNull("type")) {
          sb.append(' ').append(col.get("type").asText());
        }
        if (col.has("nullable") && !col.get("nullable").asBoolean(true)) {
          sb.append(" NOT NULL");
        }
        if (col.hasNonNull("comment")) {
          sb.append(" COMMENT ").append(literal(col.get("comment").asText()));
        }
        sb.append(i + 1 < cols.size() ? ",\n" : ")");
      }
    }
    if (!view && attrs.hasNonNull("data_source_format")) {
      sb.append("\nUSING ").append(attrs.get("data_source_format").asText());
    }
    appendMap(sb, "OPTIONS", attrs.path("options"));
    JsonNode parts = attrs.path("partitions");
    if (parts.isArray() && !parts.isEmpty()) {
      List<String> p = new ArrayList<>();
      parts.forEach(x -> p.add(SqlRunner.ident(x.asText())));
      sb.append("\nPARTITIONED BY (").append(String.join(", ", p)).append(')');
    }
    if (attrs.hasNonNull("storage_location")) {
      sb.append("\nLOCATION ").append(literal(attrs.get("storage_location").asText()));
    }
    if (attrs.hasNonNull("comment")) {
      sb.append("\nCOMMENT ").append(literal(attrs.get("comment").asText()));
    }
    appendMap(sb, "TBLPROPERTIES", attrs.path("properties"));
    if (view) {
      sb.append("\nAS ").append(attrs.path("view_definition").asText());
    }
    return sb.toString();
  }

  private static void appendMap(StringBuilder sb, String keyword, JsonNode map) {
    if (!map.isObject() || map.isEmpty()) {
      return;
    }
    List<String> kv = new ArrayList<>();
    Map<String, String> sorted = new TreeMap<>();
    map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
        : e.getValue().toString()));
    sorted.forEach((k, v) -> kv.add("  " + literal(k) + " = " + literal(v)));
    sb.append('\n').append(keyword).append(" (\n").append(String.join(",\n", kv)).append(')');
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  // ------------------------------------------------------------ lexer

  private static final class Cursor {
    private final String s;
    int pos;

    Cursor(String s) {
      this.s = s;
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean atEnd() {
      skipSpace();
      return pos >= s.length();
    }

    char peek() {
      skipSpace();
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    String word() throws DdlException {
      skipSpace();
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) {
        pos++;
      }
      if (start == pos) {
        throw new DdlException("expected a keyword at: " + snippet());
      }
      return s.substring(start, pos);
    }

    void expectWord(String w) throws DdlException {
      String got = word();
      if (!got.equalsIgnoreCase(w)) {
        throw new DdlException("expected " + w + " but found " + got);
      }
    }

    String identifier() throws DdlException {
      skipSpace();
      if (peek() == '`') {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < s.length()) {
          char ch = s.charAt(pos++);
          if (ch == '`') {
            if (pos < s.length() && s.charAt(pos) == '`') {
              sb.append('`');
              pos++;
              continue;
            }
            return sb.toString();
          }
          sb.append(ch);
        }
        throw new DdlException("unterminated identifier");
      }
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw new DdlException("expected a name at: " + snippet());
      }
      return s.substring(start, pos);
    }

    void qualifiedName() throws DdlException {
      identifier();
      while (peek() == '.') {
        pos++;
        identifier();
      }
    }

    String string() throws DdlException {
      skipSpace();
      if (peek() != '\'' && peek() != '"') {
        throw new DdlException("expected a string at: " + snippet());
      }
      char q = s.charAt(pos++);
      StringBuilder sb = new StringBuilder();
      while (pos < s.length()) {
        char ch = s.charAt(pos++);
        if (ch == '\\' && pos < s.length()) {
          sb.append(s.charAt(pos++));
        } else if (ch == q) {
          return sb.toString();
        } else {
          sb.append(ch);
        }
      }
      throw new DdlException("unterminated string");
    }

    /** The items of a parenthesised, comma-separated list (nested parens, angle brackets and quotes respected). */
    List<String> parenthesised() throws DdlException {
      if (peek() != '(') {
        throw new DdlException("expected ( at: " + snippet());
      }
      pos++;
      List<String> items = new ArrayList<>();
      int depth = 0;
      int start = pos;
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        if (ch == '\'' || ch == '"' || ch == '`') {
          skipQuoted(ch);
          continue;
        }
        if (ch == '(' || ch == '<') {
          depth++;
        } else if ((ch == ')' || ch == '>') && depth > 0) {
          depth--;
        } else if (ch == ')') {
          String last = s.substring(start, pos).strip();
          if (!last.isEmpty() || !items.isEmpty()) {
            items.add(last);
          }
          pos++;
          return items;
        } else if (ch == ',' && depth == 0) {
          items.add(s.substring(start, pos).strip());
          start = pos + 1;
        }
        pos++;
      }
      throw new DdlException("unbalanced parentheses");
    }

    private void skipQuoted(char q) {
      pos++;
      while (pos < s.length()) {
        char ch = s.charAt(pos++);
        if (ch == '\\' && q != '`') {
          pos++;
        } else if (ch == q) {
          return;
        }
      }
    }

    String rest() {
      skipSpace();
      String r = s.substring(pos).strip();
      pos = s.length();
      return r;
    }

    private String snippet() {
      return s.substring(pos, Math.min(s.length(), pos + 30));
    }
  }
}
