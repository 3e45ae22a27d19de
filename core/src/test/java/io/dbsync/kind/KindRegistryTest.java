package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.kind.admin.HiveSchemaKind;
import io.dbsync.kind.admin.SqlTableKind;
import io.dbsync.kind.uc.SchemaKind;
import io.dbsync.kind.uc.UcTableKind;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Unknown;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which kind of a type several kinds share gets an object: the Hive metastore's or Unity Catalog's. */
class KindRegistryTest {
  private final KindRegistry kinds = KindRegistry.standard();

  private Class<?> kindOf(String type, String id, JsonNode attrs) {
    return kinds.forObject(type, id, attrs).orElseThrow().getClass();
  }

  private static ObjectNode catalog(String name) {
    return TfJson.object().put("catalog_name", name);
  }

  @Test
  void schemasAndTablesGoToTheKindOfTheirCatalog() {
    for (Map.Entry<String, List<Class<?>>> e : Map.<String, List<Class<?>>>of(
        "databricks_schema", List.of(HiveSchemaKind.class, SchemaKind.class),
        "databricks_sql_table", List.of(SqlTableKind.class, UcTableKind.class)).entrySet()) {
      String type = e.getKey();
      Class<?> hive = e.getValue().get(0);
      Class<?> uc = e.getValue().get(1);
      String suffix = type.equals("databricks_schema") ? "" : ".orders";
      // desired attributes, before the object exists
      assertEquals(hive, kindOf(type, null, catalog("hive_metastore")));
      assertEquals(hive, kindOf(type, null, catalog("HIVE_METASTORE")), "catalog names are case-insensitive");
      assertEquals(uc, kindOf(type, null, catalog("main")));
      assertEquals(uc, kindOf(type, null, catalog("${databricks_catalog.demo.name}")), "an unresolved reference");
      ObjectNode unknown = TfJson.object();
      unknown.set("catalog_name", Unknown.NODE);
      assertEquals(uc, kindOf(type, null, unknown), "a catalog the import is still creating");
      assertEquals(hive, kindOf(type, null, TfJson.object()), "no catalog named: the Hive kind says what is missing");
      // a target id, with or without the state's last-applied attributes
      assertEquals(hive, kindOf(type, "hive_metastore.sales" + suffix, null));
      assertEquals(uc, kindOf(type, "main.sales" + suffix, null));
      assertEquals(uc, kindOf(type, "main.sales" + suffix, Json.parse("{\"catalog_name\": \"main\"}")));
      assertEquals(hive, kindOf(type, "hive_metastore.sales" + suffix, catalog("hive_metastore")));
    }
  }

  @Test
  void everyObjectHasExactlyOneKindAndOtherTypesOne() {
    List<JsonNode> samples = List.of(catalog("hive_metastore"), catalog("main"), TfJson.object());
    Map<String, List<Kind>> byType = kinds.all().stream().collect(Collectors.groupingBy(k -> k.info().type()));
    byType.forEach((type, of) -> {
      for (JsonNode attrs : samples) {
        assertEquals(1, of.stream().filter(k -> k.handles(null, attrs)).count(), type + " " + attrs);
      }
    });
    assertEquals(List.of("databricks_schema", "databricks_sql_table"),
        byType.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).sorted().toList(),
        "the types two kinds share; a new one needs handles() on both");
    assertTrue(kinds.knows("terraform_data"));
    assertFalse(kinds.knows("databricks_nothing"));
    assertTrue(kinds.forObject("databricks_nothing", null, null).isEmpty());
  }
}
