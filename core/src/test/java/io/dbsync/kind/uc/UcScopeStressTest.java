package io.dbsync.kind.uc;

import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The listings the Unity Catalog kinds share in one run ({@link UcScope}) under concurrent use, as the
 * exporter lists its kinds in parallel: every thread sees the same objects and each collection is
 * listed once per run, whatever the interleaving.
 */
class UcScopeStressTest {
  private static final int SCHEMAS = 12;

  @TempDir
  Path tmp;

  @Test
  void concurrentListingsShareOneListingPerCollection() throws Exception {
    StringBuilder seed = new StringBuilder("{\"unity_catalog\": {\"page_size\": 3, \"schemas\": [");
    StringBuilder tables = new StringBuilder();
    for (int s = 0; s < SCHEMAS; s++) {
      seed.append(s == 0 ? "" : ",").append("{\"catalog_name\": \"main\", \"name\": \"s").append(s).append("\"}");
      for (int t = 0; t < 5; t++) {
        tables.append(tables.length() == 0 ? "" : ",").append("{\"catalog_name\": \"main\", \"schema_name\": \"s")
            .append(s).append("\", \"name\": \"t").append(t).append("\", \"table_type\": \"MANAGED\"}");
      }
    }
    seed.append("], \"tables\": [").append(tables).append("]}}");
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE, seed.toString())) {
      TestExportContext root = UcFixture.exporting(ws, "{}", tmp);
      List<Kind> kinds = List.of(new UcTableKind(), new SchemaKind(), new VolumeKind(), new CatalogKind(),
          new RegisteredModelKind());
      ws.emulator().requests().reset();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Map<String, List<String>>>> results = new ArrayList<>();
      try {
        for (int i = 0; i < 16; i++) {
          TestExportContext ctx = root.sibling(tmp.resolve("t" + i));
          Callable<Map<String, List<String>>> listAll = () -> {
            Map<String, List<String>> ids = new TreeMap<>();
            for (Kind k : kinds) {
              ids.put(k.info().directory(), k.list(ctx).stream().map(SourceObject::id).toList());
            }
            return ids;
          };
          results.add(pool.submit(listAll));
        }
        Map<String, List<String>> first = results.get(0).get();
        for (Future<Map<String, List<String>>> f : results) {
          assertEquals(first, f.get());
        }
        assertEquals(SCHEMAS * 5, first.get(UcKind.DIR_TABLES).size());
        assertEquals(SCHEMAS + 2, first.get(UcKind.DIR_SCHEMAS).size(), "with main.default and main.sales");
      } finally {
        pool.shutdownNow();
      }
      var routes = ws.emulator().requests().toJson().path("by_route");
      int pagesPerSchema = 2; // 5 tables at 3 per page
      assertEquals(SCHEMAS * pagesPerSchema + 2, routes.path("GET /api/2.1/unity-catalog/tables").asLong(),
          "each schema's tables listed once (two pages each; main.default and main.sales one each): " + routes);
      assertEquals(1, routes.path("GET /api/2.1/unity-catalog/current-metastore-assignment").asLong(), routes.toString());
      assertEquals((SCHEMAS + 3) / 3, routes.path("GET /api/2.1/unity-catalog/schemas").asLong(),
          "main's schemas (with default, sales and information_schema) listed once, 3 per page: " + routes);
    }
  }
}
