package io.dbsync.kind.uc;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Which metastore an export came from, and whether the import's target is attached to that very
 * metastore. Every Unity Catalog folder of an export holds {@value #FILE} ({"cloud", "metastore_id",
 * "name", "region"} of the source's metastore, not Terraform config). When the target's current
 * metastore assignment names the same id, source and target share every Unity Catalog object: the
 * import adopts them as they are and never writes or deletes ({@code Kind#sharedWithSource}).
 */
final class SourceMetastore {
  static final String FILE = ".metastore.json";

  private SourceMetastore() {}

  /** The workspace's metastore: the assignment's metastore_id and workspace_id plus the summary, or null without one. */
  static ObjectNode current(WorkspaceClient client) throws IOException {
    JsonNode assignment;
    try {
      assignment = Rest.get(client, UcApi.BASE + "current-metastore-assignment");
    } catch (IOException | RuntimeException e) {
      if (UcApi.noMetastore(e) || Rest.isNotFound(e)) {
        return null;
      }
      throw e;
    }
    ObjectNode out = TfJson.object();
    out.put("metastore_id", assignment.path("metastore_id").asText());
    out.put("workspace_id", assignment.path("workspace_id").asLong());
    JsonNode summary = Rest.get(client, UcApi.BASE + "metastore_summary");
    for (String f : new String[] {"name", "cloud", "region"}) {
      if (summary.hasNonNull(f)) {
        out.put(f, summary.get(f).asText());
      }
    }
    return out;
  }

  /** The bytes of {@value #FILE} for a metastore {@link #current} returned (the workspace id is not part of it). */
  static byte[] file(ObjectNode metastore) {
    ObjectNode doc = metastore.deepCopy();
    doc.remove("workspace_id");
    return TfJson.writeBytes(doc);
  }

  /**
   * True when the revision's Unity Catalog folders came from the metastore the target is attached to
   * (one export has one source metastore; the first folder that records it answers for all).
   */
  static boolean sharedWithTarget(ApplyContext ctx, List<String> directories) throws IOException {
    return ctx.shared(Check.class, Check::new).shared(ctx, directories);
  }

  /** The import run's answer, worked out once: the recorded source metastore against the target's. */
  static final class Check {
    private Boolean shared;

    synchronized boolean shared(ApplyContext ctx, List<String> directories) throws IOException {
      if (shared == null) {
        String source = "";
        for (String dir : directories) {
          Optional<byte[]> recorded = ctx.readFile(dir, FILE);
          if (recorded.isPresent()) {
            source = TfJson.read(recorded.get()).path("metastore_id").asText("");
            break;
          }
        }
        ObjectNode target = source.isEmpty() ? null : current(ctx.client());
        shared = target != null && source.equals(target.path("metastore_id").asText());
      }
      return shared;
    }
  }
}
