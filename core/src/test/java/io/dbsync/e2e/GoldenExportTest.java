package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole exports/ tree of the seeded workspace, byte for byte, against
 * core/src/test/resources/golden/e2e/exports (UPDATE_GOLDEN=1 rewrites it). Files over 1 MB are
 * kept as {@code <file>.sha256} instead of their bytes.
 */
class GoldenExportTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/e2e/exports");
  static final int BIG = 1 << 20;
  static final String SHA_SUFFIX = ".sha256";
  /** ISO-8601 date-times and epoch milliseconds from 2001 to 2286: what a leaked timestamp looks like. */
  static final String SOURCE_META = ".source-meta.json";
  /** The source's modification times that .source-meta.json records. */
  static final List<String> SOURCE_TIMES = List.of("modified_at", "modification_time", "updated_at");
  static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}|(?<![\\d.])1\\d{12}(?!\\d)");

  @TempDir
  Path tmp;

  @Test
  void exportMatchesGoldenTreeHasNoTimestampsAndIsStable() throws Exception {
    try (TestWorkspace source = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      ExportReport first = E2eSupport.export(source.client(), repo);
      assertNotNull(first.commit(), "the first export commits");
      assertTrue(first.warnings().isEmpty(), first.warnings().toString());

      Map<String, byte[]> actual = E2eSupport.files(repo.resolve("exports"));
      assertTrue(actual.keySet().stream().anyMatch(p -> p.startsWith("dbfs_file/")), actual.keySet().toString());
      assertNoTimestamps(actual);
      assertMatchesGolden(normalizeClockIds(actual, clockIds(source.client())));

      ExportReport second = E2eSupport.export(source.client(), repo);
      assertNull(second.commit(), "an unchanged workspace makes no second commit: " + second.changelog());
      assertTrue(second.changelog().isEmpty(), second.changelog().toString());
      assertEquals(1, E2eSupport.commitCount(repo));
      Map<String, byte[]> again = E2eSupport.files(repo.resolve("exports"));
      assertEquals(digests(actual), digests(again), "exporting twice gives byte-identical files");

      Path serial = tmp.resolve("serial");
      ExportRun.run(ExportOptions.builder(source.client(), ExportConfig.parse(E2eSupport.CONFIG),
          GitTarget.parse(serial.toString()))
          .branch("main").parallelism(1).build());
      assertEquals(digests(actual), digests(E2eSupport.files(serial.resolve("exports"))),
          "the tree does not depend on how many objects are exported at once");
    }
  }

  /**
   * Cluster and instance pool ids embed their creation time (MMDD-HHMMSS-..., as on Databricks),
   * and the cluster kind puts the id into resource and file names. The golden tree holds
   * placeholders for them so it does not depend on the minute the test ran.
   * Returns original text -> placeholder, longest first.
   */
  static Map<String, String> clockIds(WorkspaceClient w) throws Exception {
    return idPlaceholders(w, false);
  }

  /** As {@link #clockIds}, and with {@code jobs} also the job ids that job resource names carry. */
  static Map<String, String> idPlaceholders(WorkspaceClient w, boolean jobs) throws Exception {
    Map<String, String> out = new TreeMap<>(Comparator.comparing(String::length).reversed()
        .thenComparing(Comparator.naturalOrder()));
    List<JsonNode> clusters = new ArrayList<>();
    E2eSeed.call(w, "GET", "/api/2.1/clusters/list", null).path("clusters").forEach(clusters::add);
    clusters.sort(Comparator.comparing(c -> c.path("cluster_name").asText()));
    int n = 0;
    for (JsonNode c : clusters) {
      n++;
      String id = c.path("cluster_id").asText();
      String name = c.path("cluster_name").asText();
      out.put(Names.safe(name + "_" + id), Names.safe(name) + "_cluster" + n);
      out.put(id, "CLUSTER-ID-" + n);
    }
    List<String> pools = new ArrayList<>();
    E2eSeed.call(w, "GET", "/api/2.0/instance-pools/list", null).path("instance_pools")
        .forEach(p -> pools.add(p.path("instance_pool_id").asText()));
    pools.sort(null);
    for (int i = 0; i < pools.size(); i++) {
      out.put(pools.get(i), "POOL-ID-" + (i + 1));
    }
    if (jobs) {
      List<JsonNode> all = new ArrayList<>();
      E2eSeed.call(w, "GET", "/api/2.2/jobs/list", null).path("jobs").forEach(all::add);
      all.sort(Comparator.comparing(j -> j.path("settings").path("name").asText()));
      int j = 0;
      for (JsonNode job : all) {
        j++;
        String name = job.path("settings").path("name").asText();
        String id = job.path("job_id").asText();
        out.put(Names.safe(name + "_" + id), Names.safe(name) + "_job" + j);
      }
    }
    return out;
  }

  static Map<String, byte[]> normalizeClockIds(Map<String, byte[]> files, Map<String, String> ids) {
    Map<String, byte[]> out = new TreeMap<>();
    files.forEach((path, bytes) -> {
      String p = replaceAll(path, ids);
      String text = new String(bytes, StandardCharsets.UTF_8);
      boolean isText = Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8));
      out.put(p, isText ? replaceAll(text, ids).getBytes(StandardCharsets.UTF_8) : bytes);
    });
    return out;
  }

  private static String replaceAll(String s, Map<String, String> ids) {
    for (var e : ids.entrySet()) {
      s = s.replace(e.getKey(), e.getValue());
    }
    return s;
  }

  /**
   * The files with the source's modified times in .source-meta.json (what decides whether the next
   * export reads an artifact again: the seed's times, never the export run's) as a placeholder.
   */
  static Map<String, byte[]> withoutSourceTimes(Map<String, byte[]> files) {
    Map<String, byte[]> out = new TreeMap<>(files);
    files.forEach((path, bytes) -> {
      if (path.endsWith("/" + SOURCE_META)) {
        try {
          JsonNode doc = TfJson.read(bytes);
          doc.forEach(entry -> SOURCE_TIMES.forEach(f -> {
            if (entry.path("source").has(f)) {
              ((ObjectNode) entry.get("source")).put(f, "<source time>");
            }
          }));
          out.put(path, TfJson.writeBytes(doc));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
    return out;
  }

  static void assertNoTimestamps(Map<String, byte[]> all) {
    Map<String, byte[]> files = withoutSourceTimes(all);
    List<String> leaks = new ArrayList<>();
    files.forEach((path, bytes) -> {
      if (!path.endsWith(".json")) {
        return;
      }
      Matcher m = TIMESTAMP.matcher(new String(bytes, StandardCharsets.UTF_8));
      while (m.find()) {
        leaks.add(path + ": " + m.group());
      }
    });
    assertEquals(List.of(), leaks, "exported files must not contain timestamps");
  }

  private static Map<String, String> digests(Map<String, byte[]> files) {
    Map<String, String> out = new TreeMap<>();
    files.forEach((k, v) -> out.put(k, E2eSupport.sha256(v)));
    return out;
  }

  /** The tree as stored in golden form: small files by content, big ones as their sha256 text. */
  private static Map<String, byte[]> goldenForm(Map<String, byte[]> files) {
    Map<String, byte[]> out = new TreeMap<>();
    files.forEach((path, bytes) -> {
      if (bytes.length > BIG) {
        out.put(path + SHA_SUFFIX, (E2eSupport.sha256(bytes) + "\n").getBytes(StandardCharsets.UTF_8));
      } else {
        out.put(path, bytes);
      }
    });
    return out;
  }

  static void assertMatchesGolden(Map<String, byte[]> actualFiles) throws Exception {
    assertMatchesGolden(GOLDEN, actualFiles);
  }

  /** The files against the golden tree under {@code golden} (UPDATE_GOLDEN=1 rewrites it). */
  static void assertMatchesGolden(Path golden, Map<String, byte[]> actualFiles) throws Exception {
    Path GOLDEN = golden;
    Map<String, byte[]> actual = goldenForm(withoutSourceTimes(actualFiles));
    if ("1".equals(System.getenv("UPDATE_GOLDEN"))) {
      if (Files.exists(GOLDEN)) {
        try (Stream<Path> s = Files.walk(GOLDEN)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      for (var e : actual.entrySet()) {
        Path p = GOLDEN.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, e.getValue());
      }
    }
    assertTrue(Files.isDirectory(GOLDEN), "golden tree missing: " + GOLDEN + " (run with UPDATE_GOLDEN=1)");
    Map<String, byte[]> expected = E2eSupport.files(GOLDEN);
    assertEquals(E2eSupport.sortedKeys(expected), E2eSupport.sortedKeys(actual), "the set of exported files");
    for (var e : expected.entrySet()) {
      byte[] got = actual.get(e.getKey());
      if (!Arrays.equals(e.getValue(), got)) {
        fail("golden mismatch in " + e.getKey() + ": " + firstDifference(e.getValue(), got));
      }
    }
  }

  private static String firstDifference(byte[] expected, byte[] actual) {
    String[] a = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
    String[] b = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end>";
      String y = i < b.length ? b[i] : "<end>";
      if (!x.equals(y)) {
        return "line " + (i + 1) + "\n  expected: " + x + "\n  actual:   " + y;
      }
    }
    return "binary difference";
  }
}
