package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Content;
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

  /**
   * The listing has every attribute but the script body: each script's details are its listing
   * entry with the body attached as content, read (one GET) only when the export writes it.
   */
  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode s : listAll(ctx.client())) {
      String name = Attrs.text(s, "name");
      String id = Attrs.text(s, "script_id");
      if (sel.selects(name, s)) {
        out.add(new SourceObject(id, Names.safe(name), Content.attach(s, body(ctx.client(), id))));
      }
    }
    return out;
  }

  /** Writes the script body of {@code id}, read with the script's GET. */
  private static Rendering.ArtifactWriter body(WorkspaceClient client, String id) {
    return out -> {
      JsonNode full = Rest.get(client, BASE + "/" + id, Map.of());
      out.write(decode(Attrs.text(full, "script")));
    };
  }

  private static byte[] decode(String script) {
    return script == null ? new byte[0] : Base64.getMimeDecoder().decode(script);
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
    // read() returns the body inline; a listing entry carries it as content, read only when needed
    String script = Attrs.text(raw, "script");
    Rendering.ArtifactWriter body = script != null || !raw.has(Content.FIELD) ? o -> o.write(decode(script)) : Content.of(raw);
    String file = Names.safe(Attrs.text(raw, "name") == null ? Attrs.text(raw, "script_id") : Attrs.text(raw, "name")) + ".sh";
    out.put("source", rendering.artifact(file, body, Content.version(raw, "script_id", "updated_at")));
    return out;
  }

  /**
   * From the run's one listing, with the body attached as content: the body is read (one GET) only
   * when the state's recorded version of it ({@code script_id}, {@code updated_at}) does not match.
   */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    for (JsonNode s : RunListings.of(ctx).get(LISTING, () -> listAll(ctx.client()))) {
      if (id.equals(Attrs.text(s, "script_id"))) {
        return Optional.of(toConfig(Content.attach(s, body(ctx.client(), id)), ctx.rendering()));
      }
    }
    return Optional.empty();
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
