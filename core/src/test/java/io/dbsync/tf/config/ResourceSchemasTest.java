package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.testing.ExportsFixture;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review D13: hand-edited files are checked against the provider schema of each resource type, and
 * the exporter's own output (every golden file) is valid for it.
 */
class ResourceSchemasTest {
  @TempDir
  Path tmp;

  @Test
  void everyKindShipsItsSchema() {
    List<String> missing = new ArrayList<>();
    for (Kind k : KindRegistry.standard().all()) {
      if (ResourceSchemas.of(k.info().type()).isEmpty()) {
        missing.add(k.info().type());
      }
    }
    assertEquals(List.of(), missing, "add core/src/main/resources/io/dbsync/tf/schema/<type>.json for each");
  }

  @Test
  void everyGoldenExportFileIsValidForTheProvider() throws Exception {
    List<String> problems = new ArrayList<>();
    int resources = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/golden"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tf.json")).toList()) {
        JsonNode byType = TfJson.read(Files.readAllBytes(f)).path("resource");
        for (var t = byType.properties().iterator(); t.hasNext(); ) {
          var type = t.next();
          for (var r = type.getValue().properties().iterator(); r.hasNext(); ) {
            var res = r.next();
            resources++;
            for (String p : ResourceSchemas.problems(type.getKey(), res.getValue())) {
              problems.add(f + ": " + type.getKey() + "." + res.getKey() + ": " + p);
            }
          }
        }
      }
    }
    assertTrue(resources > 50, "the golden files were found: " + resources);
    assertEquals(List.of(), problems);
  }

  @Test
  void unknownAttributesAndWrongTypesAreRejectedNamingFileAndAttribute() throws Exception {
    ExportsFixture f = new ExportsFixture(tmp);
    f.file("cluster/c.tf.json", "{'resource': {'databricks_cluster': {'c': {'cluster_name': 'c', 'spark_version': '15.4',"
        + " 'num_workers': 'three', 'no_such_attr': 'x', 'autoscale': {'min_workers': 1, 'max_wokers': 2}}}}}");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(f.exports));
    String m = e.getMessage();
    assertTrue(m.startsWith("cluster/c.tf.json: databricks_cluster.c: "), m);
    assertTrue(m.contains("num_workers must be a number, got \"three\""), m);
    assertTrue(m.contains("unknown attribute \"no_such_attr\""), m);
    assertTrue(m.contains("unknown attribute \"autoscale.max_wokers\" (did you mean \"max_workers\"?)"), m);
  }

  @Test
  void expressionsNumbersAsTextAndTypesWithoutSchema() throws Exception {
    ExportsFixture f = new ExportsFixture(tmp);
    f.file("cluster/c.tf.json", "{'resource': {'databricks_cluster': {'c': {'spark_version': '15.4',"
        + " 'num_workers': '${var.n}', 'autotermination_minutes': '30', 'is_pinned': 'true'}}},"
        + " 'variable': {'n': {'type': 'number'}}}");
    ConfigReader.read(f.exports);
    f.file("x/w.tf.json", "{'resource': {'databricks_vector_search_endpoint': {'w': {'name': 'w'}}}}");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(f.exports));
    assertTrue(e.getMessage().contains("databricks_vector_search_endpoint is not supported by this build"), e.getMessage());
  }
}
