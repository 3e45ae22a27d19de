package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.tf.config.RevisionFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns resolved attributes into their compare form: a string naming a file of the revision (what
 * "${path.module}/<dir>/data/..." resolves to) becomes "sha256:<hex>" of the file's bytes, streamed,
 * which is exactly what a refresh yields for an artifact (see {@link RefreshRendering}). A link or a
 * path leaving the tree is an error. Hashes are cached per file for one import.
 */
public final class ArtifactHashes {
  private final RevisionFiles files;
  private final String prefix;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  public ArtifactHashes(RevisionFiles files) {
    this.files = files;
    this.prefix = files.root() + "/";
  }

  public ObjectNode compareForm(ObjectNode resolved) throws IOException {
    try {
      return (ObjectNode) convert(resolved);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private JsonNode convert(JsonNode n) {
    if (n.isTextual() && n.asText().startsWith(prefix)) {
      try {
        String rel = files.relativePath(n.asText()).orElseThrow();
        return files.isFile(rel) ? TextNode.valueOf(hash(rel)) : n;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (n.isObject()) {
      ObjectNode out = ((ObjectNode) n).objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), convert(e.getValue()));
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = ((ArrayNode) n).arrayNode();
      n.forEach(x -> out.add(convert(x)));
      return out;
    }
    return n;
  }

  private String hash(String path) {
    return cache.computeIfAbsent(path, k -> {
      try {
        return RefreshRendering.sha256(out -> {
          try (InputStream in = files.open(k)) {
            in.transferTo(out);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
