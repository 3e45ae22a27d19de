package io.dbsync.export;

import io.dbsync.config.ExportConfig;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.report.KindResult;
import io.dbsync.report.Problem;
import io.dbsync.tf.Names;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExporterTest {
  private static final String ALL = "name: t\nobjects:\n  cluster:\n  job:\n  notebook:\n";

  @TempDir
  Path tmp;

  FixedKind clusters;
  FixedKind jobs;
  FixedKind notebooks;

  @BeforeEach
  void data() {
    clusters = new FixedKind("databricks_cluster", "cluster", "clusters")
        .put("c1", "etl", "num_workers", 2)
        .put("c2", "adhoc", "num_workers", 1);
    jobs = new FixedKind("databricks_job", "job", "jobs")
        .put("j1", "nightly", "ref_cluster", "c1", "secret_var", "nightly_token")
        .put("j2", "orphan", "ref_cluster", "gone-cluster");
    notebooks = new FixedKind("databricks_notebook", "notebook", "notebooks")
        .put("n1", "Report", "content", "print(1)\n", "artifact_path", "Users/a@b.com/Report.py");
  }

  private ExportOutcome export(String yaml, Path exports, Kind... kinds) throws Exception {
    // fixed kinds never call the API: no client at all
    return new Exporter(null, ExportConfig.parse(yaml, List.of()), new KindRegistry(List.of(kinds)), 4, null, null)
        .export(exports);
  }

  private static String read(Path p) throws Exception {
    return Files.readString(p);
  }

  /**
   * Every file an object's export writes is told once, as written (its blob is then written while the
   * export runs); a second export of the same objects rewrites no configuration file (the artifact is
   * read and written again: this kind gives no source metadata to skip it by), a changed object only its file.
   */
  @Test
  void eachWrittenFileIsToldOnceAndUnchangedFilesNotAtAll() throws Exception {
    Path ex = tmp.resolve("exports");
    Set<Path> told = ConcurrentHashMap.newKeySet();
    AtomicInteger calls = new AtomicInteger();
    Supplier<Exporter> exporter = () -> new Exporter(null, parse(ALL),
        new KindRegistry(List.of(clusters, jobs, notebooks)), 4, null, null)
        .onFileWritten(f -> {
          calls.incrementAndGet();
          told.add(f);
          assertTrue(Files.isRegularFile(f), "told once written: " + f);
        });
    exporter.get().export(ex);
    String nb = Names.safe("Report");
    assertEquals(Set.of(ex.resolve("clusters/etl.tf.json"), ex.resolve("clusters/adhoc.tf.json"),
        ex.resolve("jobs/nightly.tf.json"), ex.resolve("jobs/orphan.tf.json"), ex.resolve("notebooks/" + nb + ".tf.json"),
        ex.resolve("notebooks/data/Users/a@b.com/Report.py")), told);
    assertEquals(told.size(), calls.get(), "each once");

    told.clear();
    exporter.get().export(ex);
    assertEquals(Set.of(ex.resolve("notebooks/data/Users/a@b.com/Report.py")), told,
        "no configuration file written again");

    told.clear();
    clusters.put("c2", "adhoc", "num_workers", 3);
    exporter.get().export(ex);
    assertEquals(Set.of(ex.resolve("clusters/adhoc.tf.json"), ex.resolve("notebooks/data/Users/a@b.com/Report.py")),
        told);
  }

  private static ExportConfig parse(String yaml) {
    try {
      return ExportConfig.parse(yaml, List.of());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void writesResourcesReferencesArtifactsVariablesAndMain() throws Exception {
    Path ex = tmp.resolve("exports");
    ExportOutcome out = export(ALL, ex, clusters, jobs, notebooks);

    assertEquals("""
        {
          "resource": {
            "databricks_cluster": {
              "etl": {
                "name": "etl",
                "num_workers": 2
              }
            }
          }
        }
        """, read(ex.resolve("clusters/etl.tf.json")));
    String nightly = read(ex.resolve("jobs/nightly.tf.json"));
    assertTrue(nightly.contains("\"cluster_id\": \"${databricks_cluster.etl.id}\""), nightly);
    assertTrue(nightly.contains("\"string_value\": \"${var.nightly_token}\""), nightly);
    assertTrue(read(ex.resolve("jobs/orphan.tf.json")).contains("\"cluster_id\": \"gone-cluster\""));
    assertTrue(out.warnings().stream().anyMatch(w -> w.object() != null && w.object().equals("orphan")
        && w.message().contains("gone-cluster")), out.warnings().toString());

    String nb = Names.safe("Report");
    assertTrue(read(ex.resolve("notebooks/" + nb + ".tf.json"))
        .contains("\"source\": \"${path.module}/notebooks/data/Users/a@b.com/Report.py\""));
    assertEquals("print(1)\n", read(ex.resolve("notebooks/data/Users/a@b.com/Report.py")));

    assertEquals("""
        {
          "variable": {
            "nightly_token": {
              "description": "value of nightly",
              "sensitive": true,
              "type": "string"
            }
          }
        }
        """, read(ex.resolve("variables.tf.json")));
    assertFalse(read(ex.resolve("variables.tf.json")).contains("s3cr3t"), "secret values are never written");
    assertEquals("""
        {
          "provider": {
            "databricks": { }
          },
          "terraform": {
            "required_providers": {
              "databricks": {
                "source": "databricks/databricks"
              }
            }
          }
        }
        """, read(ex.resolve("main.tf.json")));
    assertEquals(List.of(), out.failures());
    assertEquals(List.of(2, 2, 1), out.kinds().stream().map(KindResult::exported).toList());
  }

  @Test
  void failedListingKeepsThePreviousFilesAndReferencesStillResolve() throws Exception {
    Path ex = tmp.resolve("exports");
    export(ALL, ex, clusters, jobs, notebooks);
    Map<String, String> first = TreeFiles.read(ex);

    clusters.failListing = true;
    clusters.objects.remove("c2"); // would be a deletion if the listing had worked
    jobs.objects.remove("j2");
    ExportOutcome out = export(ALL, ex, clusters, jobs, notebooks);

    Map<String, String> second = TreeFiles.read(ex);
    assertEquals(first.get("clusters/etl.tf.json"), second.get("clusters/etl.tf.json"));
    assertEquals(first.get("clusters/adhoc.tf.json"), second.get("clusters/adhoc.tf.json"));
    assertEquals(first.get("jobs/nightly.tf.json"), second.get("jobs/nightly.tf.json"),
        "references into the unlisted kind still resolve through the previous ids");
    assertFalse(second.containsKey("jobs/orphan.tf.json"), "objects gone from a good listing are removed");

    KindResult c = out.kinds().get(0);
    assertEquals(KindResult.Status.LIST_FAILED, c.status());
    assertEquals(2, c.kept());
    assertTrue(out.failures().stream().anyMatch(p -> p.type().equals("databricks_cluster") && p.object() == null
        && p.message().contains("503")), out.failures().toString());
  }

  @Test
  void oneObjectFailingDoesNotStopTheOthersAndKeepsItsFile() throws Exception {
    Path ex = tmp.resolve("exports");
    export(ALL, ex, clusters, jobs, notebooks);
    String oldNightly = read(ex.resolve("jobs/nightly.tf.json"));

    jobs.failingIds.add("j1");
    jobs.put("j3", "weekly", "ref_cluster", "c2");
    ExportOutcome out = export(ALL, ex, clusters, jobs, notebooks);

    assertEquals(oldNightly, read(ex.resolve("jobs/nightly.tf.json")));
    assertTrue(read(ex.resolve("jobs/weekly.tf.json")).contains("${databricks_cluster.adhoc.id}"));
    assertTrue(Files.exists(ex.resolve("jobs/orphan.tf.json")));
    KindResult j = out.kinds().get(1);
    assertEquals(KindResult.Status.PARTIAL, j.status());
    assertEquals(1, j.failed());
    assertEquals(2, j.exported());
    assertEquals(List.of(new Problem("databricks_job", "nightly", "IllegalStateException: reading j1 failed: 500 INTERNAL_ERROR")),
        out.failures());
    assertTrue(read(ex.resolve("variables.tf.json")).contains("nightly_token"),
        "the kept file's variable stays declared");
  }

  @Test
  void exportIsDeterministic() throws Exception {
    for (int i = 0; i < 150; i++) {
      clusters.put("cx" + i, "Cluster " + i, "num_workers", i % 7, "content", "script " + i);
      jobs.put("jx" + i, "job-" + i, "ref_cluster", "cx" + (149 - i), "secret_var", "tok_" + (i % 5));
    }
    Path a = tmp.resolve("a/exports");
    Path b = tmp.resolve("b/exports");
    export(ALL, a, clusters, jobs, notebooks);
    export(ALL, b, clusters, jobs, notebooks);
    Map<String, String> ta = TreeFiles.read(a);
    assertEquals(ta, TreeFiles.read(b));
    export(ALL, a, clusters, jobs, notebooks);
    assertEquals(ta, TreeFiles.read(a), "re-exporting an unchanged workspace changes nothing");
    assertTrue(ta.size() > 450, "clusters, artifacts, jobs: " + ta.size());
  }

  @Test
  void oddNamesStayInsideTheKindFolderAndNeverCollide() throws Exception {
    clusters.objects.clear();
    clusters.rawNames = true;
    List<String> names = List.of("my cluster", "a#b", "50%", "naïve ünïcode", "..", "../../escape", "/abs/x",
        "dup", "dup", "", "x".repeat(300), "日本語");
    for (int i = 0; i < names.size(); i++) {
      clusters.put("id" + i, names.get(i));
    }
    Path ex = tmp.resolve("exports");
    ExportOutcome out = export("objects:\n  cluster:\n", ex, clusters);

    assertEquals(List.of(), out.failures());
    List<Path> all;
    try (var s = Files.walk(tmp)) {
      all = s.filter(Files::isRegularFile).toList();
    }
    List<Path> tf = all.stream().filter(p -> p.toString().endsWith(".tf.json") && !p.getFileName().toString().equals("main.tf.json")).toList();
    assertEquals(names.size(), tf.size(), all.toString());
    for (Path p : tf) {
      assertEquals(ex.resolve("clusters"), p.getParent(), p.toString());
      assertTrue(p.getFileName().toString().matches("[A-Za-z_][A-Za-z0-9_-]*\\.tf\\.json"), p.toString());
    }
    assertEquals(names.size(), out.kinds().get(0).exported());
  }

  @Test
  void artifactPathsThatEscapeAreRejectedPerObject() throws Exception {
    notebooks.put("n2", "evil", "content", "x", "artifact_path", "../../../outside.txt");
    notebooks.put("n3", "evil2", "content", "x", "artifact_path", "/etc/passwd-copy");
    notebooks.put("n4", "evil3", "content", "x", "artifact_path", "a/${var.x}/b");
    Path ex = tmp.resolve("exports");
    ExportOutcome out = export(ALL, ex, clusters, jobs, notebooks);
    assertEquals(List.of("evil", "evil2", "evil3"), out.failures().stream().map(Problem::object).toList());
    assertFalse(Files.exists(tmp.resolve("outside.txt")));
    assertTrue(Files.exists(ex.resolve("notebooks/" + Names.safe("Report") + ".tf.json")));
  }

  @Test
  void treeFollowsTheSelectionAndDropsStaleFiles() throws Exception {
    Path ex = tmp.resolve("exports");
    export(ALL, ex, clusters, jobs, notebooks);
    Files.writeString(ex.resolve("stray.txt"), "left over");
    notebooks.objects.get("n1").put("artifact_path", "Shared/Report.py");

    ExportOutcome out = export("objects:\n  cluster:\n  notebook:\n", ex, clusters, jobs, notebooks);

    Map<String, String> files = TreeFiles.read(ex);
    assertTrue(files.containsKey("jobs/nightly.tf.json"), "an unselected kind keeps its files (review D5): " + files.keySet());
    assertFalse(files.containsKey("stray.txt"));
    assertFalse(files.containsKey("notebooks/data/Users/a@b.com/Report.py"), "unreferenced artifact removed");
    assertTrue(files.containsKey("notebooks/data/Shared/Report.py"));
    assertEquals(2, out.kinds().size());

    new Exporter(null, ExportConfig.parse("objects:\n  cluster:\n  notebook:\n", List.of()),
        new KindRegistry(List.of(clusters, jobs, notebooks)), 4, null, null, new Safeguards(true, false, 50)).export(ex);
    files = TreeFiles.read(ex);
    assertFalse(files.keySet().stream().anyMatch(f -> f.startsWith("jobs/")), "pruned on request: " + files.keySet());
    assertFalse(files.containsKey("variables.tf.json"), "no variable is used any more");
  }

  @Test
  void whenEveryListingFailsNothingIsRemoved() throws Exception {
    Path ex = tmp.resolve("exports");
    export(ALL, ex, clusters, jobs, notebooks);
    Map<String, String> before = TreeFiles.read(ex);
    clusters.failListing = true;
    jobs.failListing = true;
    ExportOutcome out = export("objects:\n  cluster:\n  job:\n", ex, clusters, jobs, notebooks);
    assertEquals(before, TreeFiles.read(ex));
    assertEquals(2, out.failures().size());
  }

  @Test
  void objectsGoneBetweenListingAndExportAreSkippedAndTheirFilesRemoved() throws Exception {
    Path ex = tmp.resolve("exports");
    export(ALL, ex, clusters, jobs, notebooks);
    clusters.vanishingIds.add("c2");
    ExportOutcome out = export(ALL, ex, clusters, jobs, notebooks);
    assertFalse(Files.exists(ex.resolve("clusters/adhoc.tf.json")));
    assertEquals(1, out.kinds().get(0).skipped());
    assertEquals(List.of(), out.failures());
  }

  @Test
  void dataSourcesInUseAreDeclaredInMain() throws Exception {
    jobs.put("j5", "admin-job", FixedKind.DATA_REF + "group", "databricks_group.admins.id",
        FixedKind.DATA_REF + "owner", "databricks_current_user.me.user_name",
        FixedKind.DATA_REF + "other", "databricks_mystery.x.id", "literal", "${data.databricks_group.users.id}");
    Path ex = tmp.resolve("exports");
    ExportOutcome out = export(ALL, ex, clusters, jobs, notebooks);
    var main = io.dbsync.tf.TfJson.read(Files.readAllBytes(ex.resolve("main.tf.json")));
    assertEquals("admins", main.path("data").path("databricks_group").path("admins").path("display_name").asText());
    assertTrue(main.path("data").path("databricks_current_user").has("me"));
    assertFalse(main.path("data").has("databricks_mystery"));
    assertFalse(main.path("data").path("databricks_group").has("users"), "a literal from the source refers to nothing");
    assertTrue(out.warnings().stream().anyMatch(w -> w.message().contains("data.databricks_mystery.x")), out.warnings().toString());
  }

  @Test
  void objectExportsRunInParallelWithinTheBound() throws Exception {
    for (int i = 0; i < 40; i++) {
      clusters.put("p" + i, "parallel_" + i);
    }
    clusters.exportMillis = 20;
    export("objects:\n  cluster:\n", tmp.resolve("exports"), clusters); // parallelism 4
    assertEquals(4, clusters.maxInFlight.get(), "bounded by the parallelism and actually parallel");
  }

  @Test
  void patternsFromTheConfigReachTheKind() throws Exception {
    Path ex = tmp.resolve("exports");
    export("objects:\n  cluster:\n    patterns: ['e*']\n", ex, clusters);
    Map<String, String> files = TreeFiles.read(ex);
    assertTrue(files.containsKey("clusters/etl.tf.json"));
    assertFalse(files.containsKey("clusters/adhoc.tf.json"));
    assertNotEquals(0, files.size());
  }
}
