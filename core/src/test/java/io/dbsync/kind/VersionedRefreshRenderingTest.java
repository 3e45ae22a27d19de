package io.dbsync.kind;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A refresh answers the recorded hash without reading only when the listing shows the recorded version. */
class VersionedRefreshRenderingTest {
  private static final String PATH = "Shared/nb.py";
  private final AtomicInteger reads = new AtomicInteger();
  private final Rendering.ArtifactWriter content = out -> {
    reads.incrementAndGet();
    out.write("print(1)\n".getBytes(StandardCharsets.UTF_8));
  };

  private static ObjectNode version(long modifiedAt) {
    return TfJson.object().put("object_id", 7).put("modified_at", modifiedAt);
  }

  private static ObjectNode recorded(ObjectNode version, String hash) {
    ObjectNode r = TfJson.object();
    r.putObject(PATH).<ObjectNode>set("version", version).put("hash", hash);
    return r;
  }

  @Test
  void theRecordedVersionAnswersTheRecordedHashWithoutARead() throws Exception {
    VersionedRefreshRendering r = new VersionedRefreshRendering(recorded(version(1000), "sha256:recorded"));
    // the state read back the number as another node type than the listing's: still the same version
    ObjectNode listed = TfJson.object().put("modified_at", 1000).set("object_id", LongNode.valueOf(7));
    assertEquals("sha256:recorded", r.artifact(PATH, content, listed));
    assertEquals(0, reads.get());
    assertEquals("sha256:recorded", r.observed().path(PATH).path("hash").asText());
  }

  @Test
  void anotherVersionIsReadAndHashed() throws Exception {
    VersionedRefreshRendering r = new VersionedRefreshRendering(recorded(version(1000), "sha256:recorded"));
    String hash = r.artifact(PATH, content, version(1001));
    assertEquals(RefreshRendering.sha256(content), hash);
    assertEquals(2, reads.get()); // the refresh's read and the expected value's
    assertEquals(hash, r.observed().path(PATH).path("hash").asText());
    assertEquals(1001, r.observed().path(PATH).path("version").path("modified_at").asLong());
  }

  @Test
  void nothingRecordedOrNoVersionMeansARead() throws Exception {
    VersionedRefreshRendering none = new VersionedRefreshRendering(TfJson.object());
    none.artifact(PATH, content, version(1000));
    assertEquals(1, reads.get());
    VersionedRefreshRendering unversioned = new VersionedRefreshRendering(recorded(version(1000), "sha256:recorded"));
    assertEquals(RefreshRendering.sha256(content), unversioned.artifact(PATH, content, null));
    assertTrue(unversioned.observed().isEmpty(), "content without a version is never recorded");
    VersionedRefreshRendering otherPath = new VersionedRefreshRendering(recorded(version(1000), "sha256:recorded"));
    assertEquals(RefreshRendering.sha256(content), otherPath.artifact("Shared/other.py", content, version(1000)));
  }
}
