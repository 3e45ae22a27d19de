package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a previous export's artifact is reused without reading the source, and what the file records. */
class SourceMetaTest {
  @TempDir
  Path exports;

  private Path kindDir;
  private Path artifact;

  private static ObjectNode notebook(long modifiedAt, String language) {
    return TfJson.object().put("modified_at", modifiedAt).put("language", language).put("format", "SOURCE");
  }

  /** A previous export that wrote {@code artifact} from a notebook modified at 1000, in Python. */
  private void previousExport() throws Exception {
    kindDir = exports.resolve("notebook");
    artifact = kindDir.resolve("data/Shared/etl.py");
    Files.createDirectories(artifact.getParent());
    byte[] content = "# Databricks notebook source\nprint(1)\n".getBytes(StandardCharsets.UTF_8);
    Files.write(artifact, content);
    SourceMeta first = new SourceMeta(exports);
    first.record(kindDir, artifact, notebook(1000, "PYTHON"), RefreshRendering.sha256(o -> o.write(content)));
    first.write(Set.of("notebook"));
  }

  @Test
  void sameMetadataAndIntactFileIsReusedAndRecordedAgainByteForByte() throws Exception {
    previousExport();
    byte[] recorded = Files.readAllBytes(kindDir.resolve(SourceMeta.FILE));
    SourceMeta next = new SourceMeta(exports);
    // the listing's number may parse as an int where the file's parsed as a long: still the same value
    ObjectNode same = TfJson.object().put("modified_at", 1000).put("language", "PYTHON").put("format", "SOURCE");
    assertTrue(next.reuse(kindDir, artifact, same));
    next.write(Set.of("notebook"));
    assertArrayEquals(recorded, Files.readAllBytes(kindDir.resolve(SourceMeta.FILE)));
  }

  @Test
  void anyOtherMetadataOrNoneIsReadAgain() throws Exception {
    previousExport();
    SourceMeta next = new SourceMeta(exports);
    assertFalse(next.reuse(kindDir, artifact, notebook(1001, "PYTHON")), "modified since");
    assertFalse(next.reuse(kindDir, artifact, notebook(1000, "SCALA")), "another language");
    assertFalse(next.reuse(kindDir, artifact, notebook(1000, "PYTHON").put("format", "JUPYTER")), "another format");
    assertFalse(next.reuse(kindDir, artifact, null), "the API did not say");
    assertFalse(next.reuse(kindDir, kindDir.resolve("data/Shared/other.py"), notebook(1000, "PYTHON")), "never recorded");
  }

  @Test
  void aFileChangedOrGoneSinceIsReadAgain() throws Exception {
    previousExport();
    Files.writeString(artifact, "# Databricks notebook source\nprint(2)\n"); // same size, other bytes
    assertFalse(new SourceMeta(exports).reuse(kindDir, artifact, notebook(1000, "PYTHON")));
    Files.delete(artifact);
    assertFalse(new SourceMeta(exports).reuse(kindDir, artifact, notebook(1000, "PYTHON")));
  }

  @Test
  void unreadableRecordMeansEverythingIsRead() throws Exception {
    previousExport();
    Files.writeString(kindDir.resolve(SourceMeta.FILE), "{not json");
    assertFalse(new SourceMeta(exports).reuse(kindDir, artifact, notebook(1000, "PYTHON")));
  }

  @Test
  void entriesOfArtifactsPrunedSinceAreDroppedAndAnEmptyRecordIsRemoved() throws Exception {
    previousExport();
    SourceMeta next = new SourceMeta(exports);
    assertTrue(next.reuse(kindDir, artifact, notebook(1000, "PYTHON")));
    Files.delete(artifact);
    next.write(Set.of("notebook"));
    assertFalse(Files.exists(kindDir.resolve(SourceMeta.FILE)));
  }

  /** Export workers record and reuse artifacts of several folders at once; nothing is lost. */
  @Test
  void concurrentWorkersRecordEveryArtifact() throws Exception {
    int dirs = 4;
    int perDir = 250;
    List<String> names = new ArrayList<>();
    for (int d = 0; d < dirs; d++) {
      names.add("kind" + d);
    }
    SourceMeta meta = new SourceMeta(exports);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int d = 0; d < dirs; d++) {
        Path dir = exports.resolve(names.get(d));
        for (int i = 0; i < perDir; i++) {
          Path file = dir.resolve("data/f" + i);
          long version = i;
          futures.add(pool.submit(() -> {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "content " + version);
            assertFalse(meta.reuse(dir, file, notebook(version, "PYTHON")), "nothing recorded before");
            meta.record(dir, file, notebook(version, "PYTHON"), "sha256:" + version);
            return null;
          }));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    meta.write(Set.copyOf(names));
    for (String name : names) {
      JsonNode doc = TfJson.read(Files.readAllBytes(exports.resolve(name).resolve(SourceMeta.FILE)));
      assertEquals(perDir, doc.size(), name);
      assertEquals("sha256:7", doc.path("data/f7").path("sha256").asText());
    }
  }
}
