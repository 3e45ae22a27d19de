package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * databricks_external_location: a storage URL and the credential that reaches it. The url is a
 * variable defaulting to the source's (a DR region has its own buckets), and every exported storage
 * path inside it (catalog and schema roots, external volumes and tables) is written relative to it
 * ({@link UcPaths}), so one override moves them all. Created with skip_validation, as the storage may
 * be reachable from the target only once its cloud side is set up.
 */
public final class ExternalLocationKind extends UcKind {
  public static final String TYPE = "databricks_external_location";
  private static final KindInfo INFO = KindInfo.exported(TYPE, CONFIG_KEY, DIR_LOCATIONS,
      "Unity Catalog external locations (URLs as variables)");
  private static final String[] WRITABLE = {"url", "credential_name", "comment", "read_only", "fallback",
      "encryption_details", "access_point", "enable_file_events", "file_event_queue"};

  public ExternalLocationKind() {
    super(INFO, Securable.EXTERNAL_LOCATION, "external-locations", false,
        Set.of("name"));
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    return listed(ctx, UcScope::locations);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    out.put("name", raw.path("name").asText());
    out.put("url", raw.path("url").asText());
    String credential = raw.path("credential_name").asText();
    out.put("credential_name", rendering.refOr(StorageCredentialKind.TYPE, credential, "id", credential));
    text(out, raw, "comment");
    text(out, raw, "owner");
    text(out, raw, "access_point");
    flag(out, raw, "read_only");
    flag(out, raw, "fallback");
    flag(out, raw, "enable_file_events");
    if (WorkspaceBindingKind.isolated(raw)) {
      out.put("isolation_mode", raw.get("isolation_mode").asText());
    }
    for (String block : List.of("encryption_details", "file_event_queue")) {
      if (raw.get(block) instanceof ObjectNode b && !b.isEmpty()) {
        ObjectNode copy = b.deepCopy();
        withoutComputed(copy);
        out.set(block, TfJson.prune(copy));
      }
    }
    return out;
  }

  /** managed_resource_id of file event queues is made by the platform. */
  private static void withoutComputed(ObjectNode block) {
    block.remove("managed_resource_id");
    block.forEach(v -> {
      if (v instanceof ObjectNode o) {
        withoutComputed(o);
      }
    });
  }

  @Override
  void exportOnly(ExportContext ctx, JsonNode raw, ObjectNode attrs) {
    String name = raw.path("name").asText();
    attrs.put("url", ctx.rendering().variableWithDefault("uc_location_" + Names.safe(name) + "_url",
        "External location " + name + ": storage URL (the source's by default; override for another region or cloud)",
        raw.path("url").asText()));
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return create(ctx, attrs, body(attrs, WRITABLE).put("name", attrs.path("name").asText()).put("skip_validation", true));
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    ObjectNode body = body(attrs, WRITABLE).put("skip_validation", true);
    for (String f : List.of("read_only", "fallback")) {
      body.put(f, attrs.path(f).asBoolean(false));
    }
    update(ctx, id, attrs, prior, body, "ISOLATION_MODE_OPEN");
  }
}
