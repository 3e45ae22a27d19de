package io.dbsync.export;

import io.dbsync.config.ExportConfig;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.report.KindResult;
import io.dbsync.report.Problem;
import io.dbsync.tf.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Listings and object exports overlap: a directory's objects start once every kind sharing it has
 * listed, references into a kind still listing wait for it (also when its listing then fails), and
 * the output is the same whatever the order. The timeouts only guard against a deadlock.
 */
class OverlappedListingsTest {
  @TempDir
  Path tmp;

  private static ExportOutcome export(Path exports, int parallelism, ExportListener listener, List<FixedKind> kinds)
      throws Exception {
    StringBuilder yaml = new StringBuilder("name: t\nobjects:\n");
    kinds.stream().map(k -> k.info().configKey()).distinct().forEach(key -> yaml.append("  ").append(key).append(":\n"));
    return new Exporter(null, ExportConfig.parse(yaml.toString(), List.of()), new KindRegistry(List.<Kind>copyOf(kinds)),
        parallelism, listener, null).export(exports);
  }

  /** Checks that the total comes before the first object, and counts the objects. */
  private static final class OrderCheck implements ExportListener {
    final AtomicInteger total = new AtomicInteger(-1);
    final AtomicInteger exported = new AtomicInteger();
    final AtomicBoolean outOfOrder = new AtomicBoolean();

    @Override
    public void exportStarted(int totalObjects) {
      total.set(totalObjects);
    }

    @Override
    public void exported(Kind kind, String name, Exception error) {
      if (total.get() < 0) {
        outOfOrder.set(true);
      }
      exported.incrementAndGet();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a deadlock guard: the cluster listing waits for a job to start
  void aListingThatFailsWhileItsReferrersExportStillResolvesTheirReferences() throws Exception {
    FixedKind clusters = new FixedKind("databricks_cluster", "cluster", "clusters")
        .put("c1", "etl", "num_workers", 2).put("c2", "adhoc", "num_workers", 1);
    FixedKind jobs = new FixedKind("databricks_job", "job", "jobs")
        .put("j1", "nightly", "ref_cluster", "c1").put("j2", "daily", "ref_cluster", "c2");
    Path ex = tmp.resolve("exports");
    export(ex, 4, null, List.of(clusters, jobs));
    Map<String, String> before = TreeFiles.read(ex);

    clusters.failListing = true;
    clusters.objects.remove("c2"); // would be a deletion had the listing worked
    CountDownLatch jobExporting = new CountDownLatch(1);
    clusters.listGate = jobExporting; // the clusters fail to list only once a job is exporting
    jobs.onExport = id -> jobExporting.countDown();
    OrderCheck events = new OrderCheck();
    ExportOutcome out = export(ex, 4, events, List.of(clusters, jobs));

    assertEquals(before, TreeFiles.read(ex), "cluster files kept, the jobs' references resolved through .source-ids.json");
    assertEquals(KindResult.Status.LIST_FAILED, out.kinds().get(0).status());
    assertEquals(2, out.kinds().get(1).exported());
    assertTrue(out.warnings().stream().map(Problem::message).noneMatch(m -> m.contains("not among the exported")),
        out.warnings().toString());
    assertFalse(events.outOfOrder.get(), "the total is told before the first object");
    assertEquals(2, events.total.get());
    assertEquals(2, events.exported.get());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a deadlock guard
  void aKindSharingADirectoryWithOneListingLaterWaitsForItsNames() throws Exception {
    FixedKind notebooks = new FixedKind("databricks_notebook", "notebook", "workspace")
        .put("n1", "report", "num", 1).put("n2", "etl", "num", 2);
    FixedKind files = new FixedKind("databricks_workspace_file", "notebook", "workspace").put("f1", "report", "num", 3);
    FixedKind jobs = new FixedKind("databricks_job", "job", "jobs").put("j1", "nightly", "num", 4);
    CountDownLatch jobExporting = new CountDownLatch(1);
    files.listGate = jobExporting; // lists after another directory's objects started
    jobs.onExport = id -> jobExporting.countDown();
    Set<String> tooEarly = ConcurrentHashMap.newKeySet();
    notebooks.onExport = id -> {
      if (!files.listed) {
        tooEarly.add(id);
      }
    };
    Path ex = tmp.resolve("exports");
    ExportOutcome out = export(ex, 4, null, List.of(notebooks, files, jobs));

    assertEquals(Set.of(), tooEarly, "no notebook exported before the kind sharing its directory had listed");
    Set<String> names = TreeFiles.read(ex).keySet();
    assertTrue(names.contains("workspace/report_" + Names.hash8("databricks_notebook/n1") + ".tf.json"), names.toString());
    assertTrue(names.contains("workspace/report_" + Names.hash8("databricks_workspace_file/f1") + ".tf.json"),
        names.toString());
    assertTrue(names.contains("workspace/etl.tf.json"), names.toString());
    assertEquals(List.of(2, 1, 1), out.kinds().stream().map(KindResult::exported).toList());
  }

  /**
   * Stress: 12 kinds of several API families (4 sharing a directory with another) of 300 objects, each referring to objects of
   * another kind, listed in random order with random delays, on virtual threads: the tree equals one
   * exported with a single thread; then with random listings failing, every file stays as it was
   * (references into the failed kinds resolve through their previous names).
   */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS) // a deadlock guard only
  void randomListingOrderDelaysAndFailuresNeverChangeTheTreeNorDeadlock() throws Exception {
    Random random = new Random(14);
    List<FixedKind> kinds = kinds(random);
    Path sequential = tmp.resolve("sequential");
    export(sequential, 1, null, kinds);
    Map<String, String> expected = TreeFiles.read(sequential);
    assertTrue(expected.size() > 3000, "objects exported: " + expected.size());

    Path concurrent = tmp.resolve("concurrent");
    for (int round = 0; round < 4; round++) {
      Set<Integer> failing = new HashSet<>();
      if (round > 0) {
        for (int i = 4; i < 8; i++) { // kinds with a directory of their own
          if (random.nextBoolean()) {
            failing.add(i);
          }
        }
      }
      for (int i = 0; i < kinds.size(); i++) {
        kinds.get(i).listDelayMillis = random.nextInt(30);
        kinds.get(i).failListing = failing.contains(i);
      }
      OrderCheck events = new OrderCheck();
      ExportOutcome out = export(concurrent, 16, events, kinds);
      assertEquals(expected, TreeFiles.read(concurrent), "round " + round + ", failing " + failing);
      assertEquals(failing.size(), out.kinds().stream().filter(k -> k.status() == KindResult.Status.LIST_FAILED).count());
      assertTrue(out.warnings().isEmpty(), out.warnings().toString());
      assertFalse(events.outOfOrder.get());
      assertEquals(events.total.get(), events.exported.get());
    }
  }

  /** Types of several API families, so objects wait in several lanes. */
  private static final List<String> TYPES = List.of("databricks_notebook", "databricks_job", "databricks_cluster",
      "databricks_user", "databricks_group", "databricks_directory", "databricks_dbfs_file", "databricks_secret_scope",
      "databricks_cluster_policy", "databricks_instance_pool", "databricks_global_init_script", "databricks_sql_endpoint");

  private static List<FixedKind> kinds(Random random) {
    List<FixedKind> kinds = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      kinds.add(new FixedKind(TYPES.get(k), List.of("cluster", "job", "notebook").get(k % 3), "d" + (k % 8)));
    }
    for (int k = 0; k < 12; k++) {
      String target = TYPES.get((k + 5) % 12);
      for (int o = 0; o < 300; o++) {
        // names repeat across the kinds sharing a directory: those get hash suffixes
        kinds.get(k).put("id" + o, "obj" + (o % 250 + k % 4), "ref:" + target, "id" + random.nextInt(300));
      }
    }
    return kinds;
  }
}
