package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.dbsync.kind.Rendering;

/**
 * Artifact-backed kinds (notebooks, workspace files, DBFS files) keep their content out of the raw
 * JSON: list() and read() attach a lazy writer under {@link #FIELD} that streams the bytes from the API only
 * when the rendering asks for them (export writes them to data/, refresh hashes them). toConfig thus
 * stays a function of (raw, rendering) without holding file contents in memory.
 */
final class Content {
  static final String FIELD = "_content";

  private Content() {}

  static ObjectNode attach(JsonNode info, Rendering.ArtifactWriter writer) {
    ObjectNode copy = info.deepCopy();
    copy.set(FIELD, new POJONode(writer));
    return copy;
  }

  static Rendering.ArtifactWriter of(JsonNode raw) {
    JsonNode n = raw.get(FIELD);
    if (n instanceof POJONode p && p.getPojo() instanceof Rendering.ArtifactWriter w) {
      return w;
    }
    throw new IllegalArgumentException("no content attached to " + raw.path("path").asText());
  }
}
