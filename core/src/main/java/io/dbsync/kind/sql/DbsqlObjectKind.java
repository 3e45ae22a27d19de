package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.client.TokenPages;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.compute.Attrs;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.kind.workspace.WorkspaceApi;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the DBSQL query and alert kinds share, as their APIs do (/api/2.0/sql/queries, /sql/alerts):
 * the object travels wrapped ({"query": {...}}), updates name the fields they set in an
 * {@code update_mask} (a masked field left out is cleared), delete moves the object to the trash (a
 * trashed object reads as gone), and the list pages {@code results} without {@code parent_path}, so
 * every object is read. An object lives in a workspace folder ({@code parent_path}, which forces a
 * replace, as in the provider) and its display name is unique there among active objects: that pair
 * is the natural key by which existing objects are adopted. The owner is not exported: objects the
 * import creates belong to the importing principal.
 */
abstract class DbsqlObjectKind implements Kind {
  private final KindInfo info;
  private final String base;
  private final String wrapper;
  private final String permissionsType;
  private final String permissionsSelector;

  DbsqlObjectKind(KindInfo info, String base, String wrapper, String permissionsType, String permissionsSelector) {
    this.info = info;
    this.base = base;
    this.wrapper = wrapper;
    this.permissionsType = permissionsType;
    this.permissionsSelector = permissionsSelector;
  }

  /** The Terraform attributes of the object other than {@code parent_path}. */
  abstract ObjectNode attributes(JsonNode raw, Rendering rendering);

  /** The API form of resolved attributes (without {@code parent_path}). */
  abstract ObjectNode apiFields(ObjectNode attrs);

  /** The API fields this kind manages: the update mask, so that a field removed from the config is cleared. */
  abstract List<String> managedFields();

  @Override
  public final KindInfo info() {
    return info;
  }

  @Override
  public final Set<String> forceNew() {
    return Set.of("parent_path");
  }

  @Override
  public final List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode o : listAll(ctx)) {
      String name = Attrs.text(o, "display_name");
      if (sel.selects(name, o)) {
        out.add(new SourceObject(Attrs.text(o, "id"), Names.safe(name == null ? "untitled" : name), null));
      }
    }
    return out;
  }

  private List<JsonNode> listAll(KindContext ctx) throws IOException {
    return TokenPages.all(ctx.client(), base, Map.of("page_size", "100"), "results", "page_token");
  }

  /** The object's direct permissions. */
  @Override
  public final List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, permissionsType, obj.id(), permissionsSelector,
        ctx.rendering().ref(info.type(), obj.id(), "id"), info.configKey() + "_" + obj.name());
  }

  /** The object, or null when it does not exist or is in the trash. */
  @Override
  public final JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode o = Rest.getOrNull(ctx.client(), base + "/" + id);
    return o == null || "TRASHED".equals(Attrs.text(o, "lifecycle_state")) ? null : o;
  }

  @Override
  public final ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = attributes(raw, rendering);
    String parent = WorkspaceApi.withoutWorkspacePrefix(Attrs.text(raw, "parent_path"));
    if (parent != null) {
      out.put("parent_path", parent);
    }
    return TfJson.prune(out);
  }

  /** Makes the folder first (nothing else may have), then creates the object there under its exact name. */
  @Override
  public final String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode object = apiFields(attrs);
    String parent = Attrs.text(attrs, "parent_path");
    if (parent != null) {
      WorkspaceApi.ensureFolder(ctx, parent);
      object.put("parent_path", parent);
    }
    ObjectNode body = TfJson.object();
    body.set(wrapper, object);
    body.put("auto_resolve_display_name", false);
    return Rest.post(ctx.client(), base, body).get("id").asText();
  }

  @Override
  public final void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    ObjectNode body = TfJson.object();
    body.put("update_mask", String.join(",", managedFields()));
    body.set(wrapper, apiFields(attrs));
    body.put("auto_resolve_display_name", false);
    Rest.patch(ctx.client(), base + "/" + id, body);
  }

  @Override
  public final void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), base + "/" + id);
  }

  /** The active object with this display name in this folder (the API keeps that pair unique). */
  @Override
  public final Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = Attrs.text(attrs, "display_name");
    String parent = Attrs.text(attrs, "parent_path");
    if (name == null || parent == null) {
      return Optional.empty();
    }
    for (JsonNode o : listAll(ctx)) {
      if (name.equals(Attrs.text(o, "display_name"))) {
        JsonNode full = read(ctx, Attrs.text(o, "id"));
        if (full != null && parent.equals(WorkspaceApi.withoutWorkspacePrefix(Attrs.text(full, "parent_path")))) {
          return Optional.of(Attrs.text(o, "id"));
        }
      }
    }
    return Optional.empty();
  }
}
