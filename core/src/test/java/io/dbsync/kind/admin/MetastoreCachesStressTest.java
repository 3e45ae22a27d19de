package io.dbsync.kind.admin;

import io.dbsync.emulator.Json;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The run caches of the Hive kinds under concurrent use, as the exporter's and the planner's worker
 * threads use them: every read sees the securable's own ACL and DDL, whatever the interleaving of
 * reads and forgets.
 */
class MetastoreCachesStressTest {
  private static final int TABLES = 12;

  @Test
  void concurrentReadsAndForgetsAlwaysSeeTheObjectsOwnRows(@TempDir Path dir) throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      StringBuilder seed = new StringBuilder("{\"sql\": {\"warehouses\": [{\"name\": \"w\"}], \"statements\": [\"CREATE DATABASE s\"");
      for (int i = 0; i < TABLES; i++) {
        seed.append(", \"CREATE TABLE s.t").append(i).append(" (id INT) USING delta\"");
        seed.append(", \"GRANT SELECT ON TABLE s.t").append(i).append(" TO `g").append(i).append("`\"");
      }
      ws.emulator().seed(Json.parse(seed.append("]}}").toString()));
      KindHarness.Apply ctx = KindHarness.applying(ws.client());
      TestExportContext ectx = KindHarness.exporting(ws.client(), MetastoreKindsTest.settings("{}"), dir);
      SqlRunner sql = Metastore.runner(ctx);
      Map<Integer, HiveAcl> expectedAcl = new HashMap<>();
      Map<Integer, String> expectedDdl = new HashMap<>();
      for (int i = 0; i < TABLES; i++) {
        expectedAcl.put(i, new AclReader().read(sql, HiveSecurable.relation("s", "t" + i, false)));
        expectedDdl.put(i, SourceDdl.read(sql, "s", "t" + i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int thread = 0; thread < 16; thread++) {
          int seedValue = thread;
          done.add(pool.submit(() -> {
            java.util.Random random = new java.util.Random(seedValue);
            AclReader acls = AclReader.of(ctx);
            SourceDdl ddl = SourceDdl.of(ectx);
            for (int n = 0; n < 60; n++) {
              int i = random.nextInt(TABLES);
              HiveSecurable on = HiveSecurable.relation("s", "t" + i, false);
              if (random.nextInt(4) == 0) {
                acls.forget(on);
              }
              assertEquals(expectedAcl.get(i), acls.read(Metastore.runner(ctx), on));
              assertEquals(expectedDdl.get(i), ddl.ddl(Metastore.runner(ectx), "s", "t" + i));
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
