package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;

/**
 * The refresh rendering of one object with the content versions its state entry recorded
 * ({@code state.StateEntry#contentVersions}): an artifact whose source metadata (what the kind passes to
 * {@link Rendering#artifact(String, Rendering.ArtifactWriter, JsonNode)}: a notebook's {@code object_id}
 * and {@code modified_at}, a DBFS file's size and modification time, an init script's {@code updated_at})
 * equals the recorded version answers the recorded hash without reading the content; any other
 * artifact is read and hashed as {@link RefreshRendering} does. Either way the version seen and the
 * hash answered are kept ({@link #observed}) for the caller to record. Used by one refresh at a time.
 */
public final class VersionedRefreshRendering implements Rendering {
  private final ObjectNode recorded;
  private final ObjectNode observed = TfJson.object();

  /** @param recorded per artifact path: {"version": {...}, "hash": "sha256:..."}; empty when nothing was recorded */
  public VersionedRefreshRendering(ObjectNode recorded) {
    this.recorded = recorded;
  }

  /** What this refresh saw, in the recorded form: per artifact path its version and the hash answered. */
  public ObjectNode observed() {
    return observed;
  }

  @Override
  public String artifact(String relativePath, ArtifactWriter content, JsonNode source) throws IOException {
    if (source == null) {
      return RefreshRendering.sha256(content); // the listing lacks a field that versions it: always read
    }
    String hash = recordedHash(relativePath, source);
    if (hash == null) {
      hash = RefreshRendering.sha256(content);
    }
    observed.set(relativePath, TfJson.object().<ObjectNode>set("version", source.deepCopy()).put("hash", hash));
    return hash;
  }

  /** The recorded hash when the recorded version of this artifact is {@code source}, else null. */
  private String recordedHash(String relativePath, JsonNode source) {
    JsonNode prior = recorded.get(relativePath);
    if (prior == null || !prior.path("hash").asText("").startsWith("sha256:") || !prior.path("version").isObject()) {
      return null;
    }
    // canonical text: a number read back from the state may be another node type than the listing's
    return TfJson.write(prior.get("version")).equals(TfJson.write(source)) ? prior.get("hash").asText() : null;
  }

  @Override
  public String artifact(String relativePath, ArtifactWriter content) throws IOException {
    return RefreshRendering.INSTANCE.artifact(relativePath, content);
  }

  @Override
  public String ref(String type, String id, String attr) {
    return RefreshRendering.INSTANCE.ref(type, id, attr);
  }

  @Override
  public String variable(String name, String description, boolean sensitive, String currentValue) {
    return RefreshRendering.INSTANCE.variable(name, description, sensitive, currentValue);
  }

  @Override
  public boolean exporting() {
    return false;
  }
}
