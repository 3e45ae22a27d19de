package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunListings;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * databricks_global_init_script. The script body (base64 in the API, at most 64 KB) is written as an
 * artifact under the kind's data folder and referenced by {@code source}.
 */
public final class GlobalInitScriptKind implements Kind {
  /** The run's listing of the target's global init scripts ({@link RunListings}): adoption reads it once, not once per object. */
  private static final String LISTING = "GlobalInitScriptKind";
  static final String BASE = "/api/2.0/global-init-scripts";
  /** The API's limit on a script body; reading the artifact stops one byte past it. */
  static final int MAX_SCRIPT_BYTES = 64 * 1024;

  private static final KindInfo INFO = KindInfo.exported("databricks_global_init_script", "global_init_script", "global_init_script",
      "Global init scripts");

  @Override
  public KindInfo info() {
    return INFO;
  }

  /** Position is execution order; inserting or moving a script shifts the ones after it. */
  @Override
  public String orderedBy() {
    return "position";
  }

  /** The listing has no script bodies, so details stay null and export reads each script. */
  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode s : listAll(ctx.client())) {
      String name = Attrs.text(s, "name");
      if (sel.selects(name, s)) {
        out.add(new SourceObject(Attrs.text(s, "script_id"), Names.safe(name), null));
      }
    }
    return out;
  }

  static List<JsonNode> listAll(WorkspaceClient client) throws IOException {
    JsonNode scripts = Rest.get(client, BASE, Map.of()).get("scripts");
    List<JsonNode> out = new ArrayList<>();
    if (scripts != null) {
      scripts.forEach(out::add);
    }
    return out;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return Rest.getOrNull(ctx.client(), BASE + "/" + id, Map.of());
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws IOException {
    ObjectNode out = TfJson.object();
    Attrs.copy(raw, out, "name", "enabled", "position");
    String script = Attrs.text(raw, "script");
    byte[] body = script == null ? new byte[0] : Base64.getMimeDecoder().decode(script);
    String file = Names.safe(Attrs.text(raw, "name") == null ? Attrs.text(raw, "script_id") : Attrs.text(raw, "name")) + ".sh";
    out.put("source", rendering.artifact(file, o -> o.write(body)));
    return out;
  }

  private static ObjectNode toApi(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode body = TfJson.object();
    Attrs.copy(attrs, body, "name", "enabled", "position");
    byte[] script;
    try (InputStream in = ctx.openArtifact(attrs.get("source").asText())) {
      script = in.readNBytes(MAX_SCRIPT_BYTES + 1);
    }
    if (script.length > MAX_SCRIPT_BYTES) {
      throw new IllegalArgumentException("global init script " + Attrs.text(attrs, "name")
          + " is larger than the API's limit of 64 KB");
    }
    body.put("script", Base64.getEncoder().encodeToString(script));
    return body;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = Rest.post(ctx.client(), BASE, toApi(ctx, attrs)).get("script_id").asText();
    RunListings.of(ctx).changed(LISTING);
    return id;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    Rest.patch(ctx.client(), BASE + "/" + id, toApi(ctx, attrs));
    RunListings.of(ctx).changed(LISTING);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), BASE + "/" + id);
    RunListings.of(ctx).changed(LISTING);
  }

  /** A target script with the same name, when exactly one has it (names are not enforced unique). */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = Attrs.text(attrs, "name");
    List<String> ids = new ArrayList<>();
    for (JsonNode s : RunListings.of(ctx).get(LISTING, () -> listAll(ctx.client()))) {
      if (name != null && name.equals(Attrs.text(s, "name"))) {
        ids.add(Attrs.text(s, "script_id"));
      }
    }
    return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
  }
}
