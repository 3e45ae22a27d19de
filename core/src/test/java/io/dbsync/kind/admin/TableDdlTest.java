package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableDdlTest {
  @Test
  void quotedNamesNestedTypesAndEscapesSurviveParseAndGenerate() throws Exception {
    String ddl = """
        CREATE TABLE spark_catalog.`my db`.`odd``name` (
          `col a` STRUCT<x: INT, y: ARRAY<STRING>> COMMENT 'it\\'s, (nested)',
          price DECIMAL(10,2) NOT NULL)
        USING delta
        OPTIONS (
          'path.style' = 'a=b')
        LOCATION 'abfss://c@a.dfs.core.windows.net/t'
        TBLPROPERTIES (
          'delta.minReaderVersion' = '2',
          'owner.team' = 'x\\'y')""";
    ObjectNode attrs = TableDdl.parse("my db", "odd`name", ddl);
    assertEquals("EXTERNAL", attrs.get("table_type").asText());
    assertEquals("col a", attrs.get("column").get(0).get("name").asText());
    assertEquals("STRUCT<x: INT, y: ARRAY<STRING>>", attrs.get("column").get(0).get("type").asText());
    assertEquals("it's, (nested)", attrs.get("column").get(0).get("comment").asText());
    assertEquals(false, attrs.get("column").get(1).get("nullable").asBoolean());
    assertEquals("a=b", attrs.get("options").get("path.style").asText());
    assertTrue(!attrs.get("properties").has("delta.minReaderVersion"));
    assertEquals("x'y", attrs.get("properties").get("owner.team").asText());

    String created = TableDdl.createStatement(attrs);
    assertTrue(created.startsWith("CREATE TABLE IF NOT EXISTS `my db`.`odd``name` ("), created);
    String shown = "CREATE TABLE spark_catalog.`my db`.`odd``name`" + created.substring(created.indexOf(" ("));
    assertEquals(attrs, TableDdl.parse("my db", "odd`name", shown));
  }

  @Test
  void hiveFormatAndCtasAreRefused() {
    assertThrows(TableDdl.DdlException.class, () -> TableDdl.parse("d", "t", "CREATE TABLE d.t (id INT) STORED AS ORC"));
    assertThrows(TableDdl.DdlException.class, () -> TableDdl.parse("d", "t",
        "CREATE TABLE d.t (id INT) USING delta CLUSTERED BY (id) INTO 4 BUCKETS"));
    assertThrows(TableDdl.DdlException.class, () -> TableDdl.parse("d", "t", "CREATE TABLE d.t AS SELECT 1"));
  }
}
