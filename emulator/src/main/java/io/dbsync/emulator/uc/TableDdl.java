package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The CREATE TABLE / CREATE VIEW text after the name, as the Terraform provider's databricks_sql_table
 * writes it (columns with NOT NULL, GENERATED ... AS IDENTITY, DEFAULT, COMMENT; USING, PARTITIONED BY,
 * CLUSTER BY, COMMENT, TBLPROPERTIES, OPTIONS, LOCATION [WITH (CREDENTIAL c)], AS query), into a
 * {@link TablesApi.TableSpec}; and SHOW CREATE TABLE back from a stored table. OPTIONS become
 * "option."-prefixed properties and CLUSTER BY the clusteringColumns property, as the real
 * TableInfo shows them; CTAS queries are not evaluated (the table gets the declared columns only).
 */
final class TableDdl {
  private static final Set<String> FORMATS = Set.of("DELTA", "PARQUET", "CSV", "JSON", "AVRO", "ORC", "TEXT", "ICEBERG");
  private static final Set<String> COLUMN_CLAUSES = Set.of("NOT", "GENERATED", "COMMENT", "DEFAULT", "MASK");
  private static final Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "FOREIGN");

  private TableDdl() {}

  static TablesApi.TableSpec table(String tail, String[] name, boolean replace, boolean external, boolean ifNotExists) {
    DdlReader r = new DdlReader(tail);
    ArrayNode columns = r.peek('(') ? columns(r.parenGroup()) : Json.array();
    String format = "DELTA";
    String comment = null;
    String location = null;
    ObjectNode props = Json.object();
    while (!r.atEnd()) {
      if (r.keyword("USING")) {
        format = r.identifier().toUpperCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
          throw DdlReader.syntax("unsupported data source " + format);
        }
      } else if (r.keyword("PARTITIONED BY")) {
        List<String> partitions = names(r.parenGroup());
        for (JsonNode c : columns) {
          int i = partitions.indexOf(c.get("name").asText());
          if (i >= 0) {
            ((ObjectNode) c).put("partition_index", i);
          }
        }
      } else if (r.keyword("CLUSTER BY")) {
        if (r.keyword("AUTO")) {
          props.put("clusterByAuto", "true");
        } else {
          ArrayNode keys = Json.array();
          names(r.parenGroup()).forEach(k -> keys.addArray().add(k));
          props.put("clusteringColumns", keys.toString());
        }
      } else if (r.keyword("COMMENT")) {
        comment = r.quoted();
      } else if (r.keyword("TBLPROPERTIES")) {
        properties(r.parenGroup()).forEach(props::put);
      } else if (r.keyword("OPTIONS")) {
        properties(r.parenGroup()).forEach((k, v) -> props.put("option." + k, v));
      } else if (r.keyword("LOCATION")) {
        location = r.quoted();
        if (r.keyword("WITH")) {
          r.parenGroup();
        }
      } else if (r.keyword("AS")) {
        r.rest();
      } else {
        throw DdlReader.syntax("unexpected '" + r.peekWord() + "' in CREATE TABLE");
      }
    }
    if (external && location == null) {
      throw new io.dbsync.emulator.sql.HiveCatalog.SqlError("MISSING_LOCATION", "42601",
          "CREATE EXTERNAL TABLE must be accompanied by LOCATION.");
    }
    return new TablesApi.TableSpec(name[0], name[1], name[2], location != null ? "EXTERNAL" : "MANAGED", format, columns,
        location, null, comment, props, replace, ifNotExists);
  }

  static TablesApi.TableSpec view(String tail, String[] name, boolean replace, boolean ifNotExists) {
    DdlReader r = new DdlReader(tail);
    ArrayNode columns = Json.array();
    if (r.peek('(')) {
      List<String> defs = DdlReader.splitTopLevel(r.parenGroup(), ',');
      for (int i = 0; i < defs.size(); i++) {
        DdlReader d = new DdlReader(defs.get(i));
        ObjectNode c = columns.addObject().put("name", d.identifier()).put("position", i).put("nullable", true);
        if (d.keyword("COMMENT")) {
          c.put("comment", d.quoted());
        }
      }
    }
    String comment = null;
    ObjectNode props = Json.object();
    String query = null;
    while (query == null) {
      if (r.keyword("COMMENT")) {
        comment = r.quoted();
      } else if (r.keyword("TBLPROPERTIES")) {
        properties(r.parenGroup()).forEach(props::put);
      } else if (r.keyword("AS")) {
        query = r.rest();
      } else {
        throw DdlReader.syntax("expected AS query in CREATE VIEW");
      }
    }
    return new TablesApi.TableSpec(name[0], name[1], name[2], "VIEW", null, columns, null, query, comment, props,
        replace, ifNotExists);
  }

  private static ArrayNode columns(String inner) {
    ArrayNode out = Json.array();
    for (String def : DdlReader.splitTopLevel(inner, ',')) {
      DdlReader d = new DdlReader(def);
      if (TABLE_CONSTRAINTS.contains(d.peekWord())) {
        continue;
      }
      String name = d.identifier();
      ColumnTypes.SqlType type = ColumnTypes.parse(d.upTo(COLUMN_CLAUSES));
      boolean nullable = true;
      String comment = null;
      ObjectNode metadata = Json.object();
      while (!d.atEnd()) {
        if (d.keyword("NOT NULL")) {
          nullable = false;
        } else if (d.keyword("COMMENT")) {
          comment = d.quoted();
        } else if (d.keyword("GENERATED ALWAYS AS IDENTITY") || d.keyword("GENERATED BY DEFAULT AS IDENTITY")) {
          identity(metadata, def, d);
        } else if (d.keyword("GENERATED ALWAYS AS")) {
          metadata.put("delta.generationExpression", d.parenGroup().strip());
        } else if (d.keyword("DEFAULT")) {
          metadata.put("CURRENT_DEFAULT", d.upTo(COLUMN_CLAUSES));
        } else if (d.keyword("MASK")) {
          d.upTo(COLUMN_CLAUSES);
        } else {
          throw DdlReader.syntax("unexpected '" + d.peekWord() + "' in column " + name);
        }
      }
      out.add(ColumnTypes.column(name, type, out.size(), nullable, comment, metadata));
    }
    return out;
  }

  /** Delta's identity column metadata (the Terraform provider reads start and allowExplicitInsert back). */
  private static void identity(ObjectNode metadata, String def, DdlReader d) {
    long start = 1;
    long step = 1;
    if (d.peek('(')) {
      String spec = d.parenGroup().toUpperCase(Locale.ROOT);
      var m = java.util.regex.Pattern.compile("START\\s+WITH\\s+(-?\\d+)").matcher(spec);
      start = m.find() ? Long.parseLong(m.group(1)) : start;
      m = java.util.regex.Pattern.compile("INCREMENT\\s+BY\\s+(-?\\d+)").matcher(spec);
      step = m.find() ? Long.parseLong(m.group(1)) : step;
    }
    metadata.put("delta.identity.start", start);
    metadata.put("delta.identity.step", step);
    metadata.put("delta.identity.allowExplicitInsert", def.toUpperCase(Locale.ROOT).contains("BY DEFAULT"));
  }

  private static List<String> names(String inner) {
    List<String> out = new ArrayList<>();
    for (String part : DdlReader.splitTopLevel(inner, ',')) {
      out.add(new DdlReader(part).identifier());
    }
    return out;
  }

  /** 'k' = 'v' pairs (keys may be unquoted dotted names; '=' optional). */
  static Map<String, String> properties(String inner) {
    Map<String, String> out = new TreeMap<>();
    for (String pair : DdlReader.splitTopLevel(inner, ',')) {
      DdlReader d = new DdlReader(pair);
      String key = d.peek('\'') || d.peek('"') ? d.quoted() : dotted(d);
      d.consume('=');
      String value = d.peek('\'') || d.peek('"') ? d.quoted() : d.rest();
      out.put(key, value);
    }
    return out;
  }

  private static String dotted(DdlReader d) {
    StringBuilder key = new StringBuilder(d.identifier());
    while (d.consume('.')) {
      key.append('.').append(d.identifier());
    }
    return key.toString();
  }

  /** SHOW CREATE TABLE of a stored table or view. */
  static String showCreate(ObjectNode t) {
    boolean view = "VIEW".equals(Json.text(t, "table_type"));
    StringBuilder sb = new StringBuilder("CREATE ").append(view ? "VIEW " : "TABLE ").append(t.get("full_name").asText());
    List<String> cols = new ArrayList<>();
    List<String> partitions = new ArrayList<>();
    for (JsonNode c : t.path("columns")) {
      StringBuilder col = new StringBuilder("  ").append(c.get("name").asText());
      if (c.hasNonNull("type_text")) {
        col.append(' ').append(ColumnTypes.parse(c.get("type_text").asText()).ddl());
      }
      if (!c.path("nullable").asBoolean(true)) {
        col.append(" NOT NULL");
      }
      if (c.hasNonNull("comment")) {
        col.append(" COMMENT ").append(literal(c.get("comment").asText()));
      }
      cols.add(col.toString());
      if (c.has("partition_index")) {
        partitions.add(c.get("name").asText());
      }
    }
    if (!cols.isEmpty()) {
      sb.append(" (\n").append(String.join(",\n", cols)).append(")");
    }
    if (!view) {
      sb.append("\nUSING ").append(t.get("data_source_format").asText().toLowerCase(Locale.ROOT));
      if (!partitions.isEmpty()) {
        sb.append("\nPARTITIONED BY (").append(String.join(", ", partitions)).append(")");
      }
    }
    if (t.hasNonNull("comment")) {
      sb.append("\nCOMMENT ").append(literal(t.get("comment").asText()));
    }
    if ("EXTERNAL".equals(Json.text(t, "table_type"))) {
      sb.append("\nLOCATION ").append(literal(t.get("storage_location").asText()));
    }
    if (t.has("properties") && !t.get("properties").isEmpty()) {
      List<String> props = new ArrayList<>();
      t.get("properties").properties().forEach(e -> props.add("  " + literal(e.getKey()) + " = " + literal(e.getValue().asText())));
      sb.append("\nTBLPROPERTIES (\n").append(String.join(",\n", props)).append(")");
    }
    if (view) {
      sb.append("\nAS ").append(t.get("view_definition").asText());
    }
    return sb.append('\n').toString();
  }

  private static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
