package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CREATE statement of a Unity Catalog table or view from databricks_sql_table attributes, in the
 * layout the provider writes (three-part backquoted name; columns with NOT NULL and COMMENT; USING,
 * OPTIONS, PARTITIONED BY, LOCATION, COMMENT, TBLPROPERTIES; a view's column names and AS query).
 */
final class UcTableDdl {
  private UcTableDdl() {}

  /** CREATE [OR REPLACE] VIEW, or CREATE [EXTERNAL] TABLE IF NOT EXISTS (a table is never replaced). */
  static String create(JsonNode attrs, boolean replaceView) {
    boolean view = "VIEW".equals(attrs.path("table_type").asText());
    StringBuilder sb = new StringBuilder("CREATE ");
    if (view) {
      sb.append(replaceView ? "OR REPLACE VIEW " : "VIEW IF NOT EXISTS ");
    } else {
      sb.append("EXTERNAL".equals(attrs.path("table_type").asText()) ? "EXTERNAL TABLE" : "TABLE").append(" IF NOT EXISTS ");
    }
    sb.append(name(attrs));
    columns(sb, attrs.path("column"), view);
    if (!view) {
      sb.append("\nUSING ").append(attrs.path("data_source_format").asText("DELTA"));
      map(sb, "OPTIONS", attrs.path("options"));
      List<String> partitions = new ArrayList<>();
      attrs.path("partitions").forEach(p -> partitions.add(ident(p.asText())));
      if (!partitions.isEmpty()) {
        sb.append("\nPARTITIONED BY (").append(String.join(", ", partitions)).append(')');
      }
      if (attrs.hasNonNull("storage_location")) {
        sb.append("\nLOCATION ").append(literal(attrs.get("storage_location").asText()));
      }
    }
    if (attrs.hasNonNull("comment")) {
      sb.append("\nCOMMENT ").append(literal(attrs.get("comment").asText()));
    }
    map(sb, "TBLPROPERTIES", attrs.path("properties"));
    if (view) {
      sb.append("\nAS ").append(attrs.path("view_definition").asText());
    }
    return sb.toString();
  }

  /** `catalog`.`schema`.`name` */
  static String name(JsonNode attrs) {
    return ident(attrs.path("catalog_name").asText()) + "." + ident(attrs.path("schema_name").asText()) + "."
        + ident(attrs.path("name").asText());
  }

  private static void columns(StringBuilder sb, JsonNode cols, boolean view) {
    if (!cols.isArray() || cols.isEmpty()) {
      return;
    }
    List<String> defs = new ArrayList<>();
    for (JsonNode c : cols) {
      StringBuilder d = new StringBuilder("  ").append(ident(c.path("name").asText()));
      if (!view && c.hasNonNull("type")) {
        d.append(' ').append(c.get("type").asText());
      }
      if (!view && c.has("nullable") && !c.get("nullable").asBoolean(true)) {
        d.append(" NOT NULL");
      }
      if (c.hasNonNull("comment")) {
        d.append(" COMMENT ").append(literal(c.get("comment").asText()));
      }
      defs.add(d.toString());
    }
    sb.append(" (\n").append(String.join(",\n", defs)).append(')');
  }

  private static void map(StringBuilder sb, String keyword, JsonNode map) {
    if (!map.isObject() || map.isEmpty()) {
      return;
    }
    Map<String, String> sorted = new TreeMap<>();
    map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> kv = new ArrayList<>();
    sorted.forEach((k, v) -> kv.add("  " + literal(k) + " = " + literal(v)));
    sb.append('\n').append(keyword).append(" (\n").append(String.join(",\n", kv)).append(')');
  }

  static String ident(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
