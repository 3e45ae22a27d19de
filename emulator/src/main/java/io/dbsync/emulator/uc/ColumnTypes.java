package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.sql.HiveCatalog;

import java.util.Locale;

/**
 * Spark SQL data types as Unity Catalog describes a column: type_text (Spark's simple string,
 * "bigint", "decimal(10,2)", "struct<a:int>"), type_name (the ColumnTypeName enum: LONG, DECIMAL,
 * STRUCT...), type_json (Spark's schema JSON of the field), type_precision/type_scale for decimals,
 * and the DDL spelling SHOW CREATE TABLE prints ("BIGINT", "STRUCT<a: INT>").
 */
final class ColumnTypes {
  /** One parsed type. */
  record SqlType(String typeName, String text, String ddl, JsonNode json, Integer precision, Integer scale) {}

  private final String s;
  private int pos;

  private ColumnTypes(String s) {
    this.s = s;
  }

  static SqlType parse(String typeText) {
    ColumnTypes p = new ColumnTypes(typeText.strip());
    SqlType t = p.type();
    p.skipSpace();
    if (p.pos != p.s.length()) {
      throw unsupported(typeText);
    }
    return t;
  }

  /** A column as UC returns it: name, type_*, position, nullable, comment; metadata goes into type_json. */
  static ObjectNode column(String name, SqlType type, int position, boolean nullable, String comment, ObjectNode metadata) {
    ObjectNode c = Json.object();
    c.put("name", name);
    c.put("type_text", type.text());
    c.put("type_name", type.typeName());
    ObjectNode json = Json.object();
    json.put("name", name);
    json.set("type", type.json());
    json.put("nullable", nullable);
    ObjectNode meta = metadata == null ? Json.object() : Json.copy(metadata);
    if (comment != null) {
      meta.put("comment", comment);
    }
    json.set("metadata", meta);
    c.put("type_json", json.toString());
    if (type.precision() != null) {
      c.put("type_precision", type.precision());
      c.put("type_scale", type.scale());
    }
    c.put("position", position);
    c.put("nullable", nullable);
    if (comment != null) {
      c.put("comment", comment);
    }
    return c;
  }

  private SqlType type() {
    String word = word().toUpperCase(Locale.ROOT);
    switch (word) {
      case "ARRAY" -> {
        expect('<');
        SqlType e = type();
        expect('>');
        ObjectNode j = Json.object().put("type", "array");
        j.set("elementType", e.json());
        j.put("containsNull", true);
        return new SqlType("ARRAY", "array<" + e.text() + ">", "ARRAY<" + e.ddl() + ">", j, null, null);
      }
      case "MAP" -> {
        expect('<');
        SqlType k = type();
        expect(',');
        SqlType v = type();
        expect('>');
        ObjectNode j = Json.object().put("type", "map");
        j.set("keyType", k.json());
        j.set("valueType", v.json());
        j.put("valueContainsNull", true);
        return new SqlType("MAP", "map<" + k.text() + "," + v.text() + ">", "MAP<" + k.ddl() + ", " + v.ddl() + ">", j,
            null, null);
      }
      case "STRUCT" -> {
        return struct();
      }
      default -> {
        return primitive(word);
      }
    }
  }

  private SqlType struct() {
    expect('<');
    ObjectNode j = Json.object().put("type", "struct");
    ArrayNode fields = j.putArray("fields");
    StringBuilder text = new StringBuilder("struct<");
    StringBuilder ddl = new StringBuilder("STRUCT<");
    while (!peek('>')) {
      if (!fields.isEmpty()) {
        expect(',');
        text.append(',');
        ddl.append(", ");
      }
      String name = fieldName();
      if (peek(':')) {
        pos++;
      }
      SqlType t = type();
      boolean nullable = !keyword("NOT") || !keyword("NULL");
      ObjectNode meta = Json.object();
      if (keyword("COMMENT")) {
        meta.put("comment", quoted());
      }
      ObjectNode f = fields.addObject().put("name", name);
      f.set("type", t.json());
      f.put("nullable", nullable);
      f.set("metadata", meta);
      text.append(name).append(':').append(t.text());
      ddl.append(name).append(": ").append(t.ddl()).append(nullable ? "" : " NOT NULL");
    }
    expect('>');
    return new SqlType("STRUCT", text.append('>').toString(), ddl.append('>').toString(), j, null, null);
  }

  private SqlType primitive(String word) {
    return switch (word) {
      case "BIGINT", "LONG" -> simple("LONG", "bigint", "long");
      case "INT", "INTEGER" -> simple("INT", "int", "integer");
      case "SMALLINT", "SHORT" -> simple("SHORT", "smallint", "short");
      case "TINYINT", "BYTE" -> simple("BYTE", "tinyint", "byte");
      case "STRING" -> simple("STRING", "string", "string");
      case "BOOLEAN", "BOOL" -> simple("BOOLEAN", "boolean", "boolean");
      case "DOUBLE" -> simple("DOUBLE", "double", "double");
      case "FLOAT", "REAL" -> simple("FLOAT", "float", "float");
      case "DATE" -> simple("DATE", "date", "date");
      case "TIMESTAMP", "TIMESTAMP_LTZ" -> simple("TIMESTAMP", "timestamp", "timestamp");
      case "TIMESTAMP_NTZ" -> simple("TIMESTAMP_NTZ", "timestamp_ntz", "timestamp_ntz");
      case "BINARY" -> simple("BINARY", "binary", "binary");
      case "VARIANT" -> simple("VARIANT", "variant", "variant");
      case "VARCHAR", "CHAR" -> {
        int n = Integer.parseInt(args().get(0));
        String text = word.toLowerCase(Locale.ROOT) + "(" + n + ")";
        yield new SqlType(word.equals("CHAR") ? "CHAR" : "STRING", text, text.toUpperCase(Locale.ROOT),
            TextNode.valueOf("string"), null, null);
      }
      case "DECIMAL", "DEC", "NUMERIC" -> {
        java.util.List<String> a = peek('(') ? args() : java.util.List.of("10", "0");
        int precision = Integer.parseInt(a.get(0));
        int scale = a.size() > 1 ? Integer.parseInt(a.get(1)) : 0;
        String text = "decimal(" + precision + "," + scale + ")";
        yield new SqlType("DECIMAL", text, text.toUpperCase(Locale.ROOT), TextNode.valueOf(text), precision, scale);
      }
      default -> throw unsupported(word);
    };
  }

  private static SqlType simple(String typeName, String text, String json) {
    return new SqlType(typeName, text, text.toUpperCase(Locale.ROOT), TextNode.valueOf(json), null, null);
  }

  private java.util.List<String> args() {
    expect('(');
    int end = s.indexOf(')', pos);
    if (end < 0) {
      throw unsupported(s);
    }
    java.util.List<String> out = java.util.Arrays.stream(s.substring(pos, end).split(",")).map(String::strip).toList();
    pos = end + 1;
    if (out.stream().anyMatch(a -> !a.matches("\\d+"))) {
      throw unsupported(s);
    }
    return out;
  }

  private String word() {
    skipSpace();
    int start = pos;
    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw unsupported(s);
    }
    return s.substring(start, pos);
  }

  private String fieldName() {
    skipSpace();
    if (peek('`')) {
      int end = s.indexOf('`', pos + 1);
      String n = s.substring(pos + 1, end);
      pos = end + 1;
      return n;
    }
    return word();
  }

  private boolean keyword(String w) {
    skipSpace();
    int save = pos;
    if (pos < s.length() && Character.isLetter(s.charAt(pos)) && word().equalsIgnoreCase(w)) {
      return true;
    }
    pos = save;
    return false;
  }

  private String quoted() {
    skipSpace();
    char q = s.charAt(pos);
    int end = s.indexOf(q, pos + 1);
    String v = s.substring(pos + 1, end);
    pos = end + 1;
    return v;
  }

  private boolean peek(char c) {
    skipSpace();
    return pos < s.length() && s.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw unsupported(s);
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private static HiveCatalog.SqlError unsupported(String type) {
    return new HiveCatalog.SqlError("UNSUPPORTED_DATATYPE", "0A000", "Unsupported data type \"" + type + "\".");
  }
}

