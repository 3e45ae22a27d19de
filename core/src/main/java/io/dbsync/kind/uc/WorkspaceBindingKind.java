package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.TargetChild;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * databricks_workspace_binding: one workspace an isolated catalog, storage credential or external
 * location is bound to. Terraform id "&lt;workspace_id&gt;|&lt;securable_type&gt;|&lt;name&gt;", as the
 * provider's. The source workspace's own binding is not exported: making an object isolated binds the
 * workspace doing it, as the provider does ({@link #bindCurrentWorkspace}), so it becomes the target's
 * own binding. Other workspaces' ids are variables defaulting to the source's values, since a DR
 * region has other workspaces. Resource-only: the bound object's kind writes them into its file.
 */
public final class WorkspaceBindingKind implements Kind {
  public static final String TYPE = "databricks_workspace_binding";
  static final String READ_WRITE = "BINDING_TYPE_READ_WRITE";
  private static final KindInfo INFO = KindInfo.resourceOnly(TYPE, UcKind.CONFIG_KEY,
      "Unity Catalog grants and workspace bindings (with their objects)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  /** The provider has no update: every change replaces the binding. */
  @Override
  public boolean replaceOnAnyChange() {
    return true;
  }

  /** The bindings of one exported isolated object to workspaces other than the source itself. */
  static List<ExportedResource> export(ExportContext ctx, Securable s, JsonNode raw, String name, String objectResourceName)
      throws IOException {
    List<ExportedResource> out = new ArrayList<>();
    if (!isolated(raw)) {
      return out;
    }
    long self = UcScope.of(ctx).workspaceId();
    for (JsonNode b : bindings(ctx, s, name)) {
      long ws = b.path("workspace_id").asLong();
      if (ws == self) {
        continue;
      }
      ObjectNode attrs = TfJson.object();
      attrs.put("securable_name", ctx.rendering().ref(s.resourceType, name, s.refAttribute));
      attrs.put("securable_type", s.bindingType);
      attrs.put("workspace_id", ctx.rendering().variableWithDefault("uc_workspace_" + ws,
          "Id of the workspace that Unity Catalog objects are bound to as workspace " + ws + " in the source", Long.toString(ws)));
      attrs.put("binding_type", b.path("binding_type").asText(READ_WRITE));
      out.add(new ExportedResource(TYPE, s.grantsAttribute + "_" + objectResourceName + "_" + ws, attrs));
    }
    return out;
  }

  /**
   * Mirror: the bindings the isolated object {@code name} has in the target to workspaces other than
   * the importing one (whose own binding the import keeps: it could not use the object otherwise), as
   * the children the plan removes when the configuration does not declare them.
   */
  static List<TargetChild> targetChildren(ApplyContext ctx, Securable s, String name) throws IOException {
    List<JsonNode> found;
    try {
      found = bindings(ctx, s, name);
    } catch (IOException | RuntimeException e) {
      if (Rest.isNotFound(e)) {
        return List.of();
      }
      throw e;
    }
    long self = ctx.shared(CurrentWorkspace.class, CurrentWorkspace::new).id(ctx);
    List<TargetChild> out = new ArrayList<>();
    for (JsonNode b : found) {
      long ws = b.path("workspace_id").asLong();
      if (ws != self) {
        ObjectNode raw = TfJson.object().put("workspace_id", ws).put("securable_type", s.bindingType)
            .put("securable_name", name).put("binding_type", b.path("binding_type").asText(READ_WRITE));
        out.add(new TargetChild(TYPE, s.grantsAttribute + "_" + Names.safe(name) + "_" + ws, idOf(raw),
            INSTANCE.toConfig(raw, ctx.rendering())));
      }
    }
    return out;
  }

  private static final WorkspaceBindingKind INSTANCE = new WorkspaceBindingKind();

  /** The importing workspace's id (its metastore assignment), asked once per run; -1 without a metastore. */
  private static final class CurrentWorkspace {
    private Long id;

    synchronized long id(ApplyContext ctx) throws IOException {
      if (id == null) {
        ObjectNode m = SourceMetastore.current(ctx.client());
        id = m == null ? -1L : m.path("workspace_id").asLong();
      }
      return id;
    }
  }

  /** The binding's id when the attributes name the workspace and the object (not when still unknown). */
  @Override
  public Optional<String> naturalId(ObjectNode attrs) {
    JsonNode ws = attrs.get("workspace_id");
    JsonNode name = attrs.get("securable_name");
    boolean known = ws != null && (ws.isNumber() || (ws.isTextual() && ws.asText().matches("\\d+")))
        && name != null && name.isTextual();
    return known ? Optional.of(idOf(attrs)) : Optional.empty();
  }

  /** ISOLATED (catalogs) or ISOLATION_MODE_ISOLATED (credentials, locations). */
  static boolean isolated(JsonNode raw) {
    return raw.path("isolation_mode").asText("").endsWith("ISOLATED");
  }

  private static List<JsonNode> bindings(KindContext ctx, Securable s, String name) throws IOException {
    return UcApi.list(ctx.client(), "bindings/" + s.bindingType + "/" + UcApi.encode(name), "bindings");
  }

  /** Binds the importing workspace to an object it just made isolated, so that it can still use it. */
  static void bindCurrentWorkspace(ApplyContext ctx, Securable s, String name) throws IOException {
    ObjectNode m = SourceMetastore.current(ctx.client());
    if (m == null) {
      return;
    }
    change(ctx, s, name, "add", m.path("workspace_id").asLong(), READ_WRITE);
  }

  private static void change(ApplyContext ctx, Securable s, String name, String op, long workspaceId, String bindingType)
      throws IOException {
    ObjectNode body = TfJson.object();
    ObjectNode b = body.putArray(op).addObject().put("workspace_id", workspaceId);
    if (bindingType != null) {
      b.put("binding_type", bindingType);
    }
    Rest.patch(ctx.client(), UcApi.path("bindings/" + s.bindingType, name), body);
  }

  /** {workspace id, securable, name} of "ws|type|name". */
  private static Object[] parseId(String id) {
    String[] p = id.split("\\|", 3);
    Optional<Securable> s = p.length == 3 ? Securable.byBindingType(p[1]) : Optional.empty();
    if (s.isEmpty() || !p[0].matches("\\d+") || p[2].isEmpty()) {
      throw new IllegalArgumentException("databricks_workspace_binding id must be <workspace_id>|<securable_type>|<name>: " + id);
    }
    return new Object[] {Long.parseLong(p[0]), s.get(), p[2]};
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    Object[] p = parseId(id);
    Securable s = (Securable) p[1];
    List<JsonNode> all;
    try {
      all = bindings(ctx, s, (String) p[2]);
    } catch (IOException | RuntimeException e) {
      if (Rest.isNotFound(e)) {
        return null;
      }
      throw e;
    }
    for (JsonNode b : all) {
      if (b.path("workspace_id").asLong() == (Long) p[0]) {
        return TfJson.object().put("workspace_id", (Long) p[0]).put("securable_type", s.bindingType)
            .put("securable_name", (String) p[2]).put("binding_type", b.path("binding_type").asText(READ_WRITE));
      }
    }
    return null;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    Securable s = Securable.byBindingType(raw.path("securable_type").asText()).orElseThrow();
    ObjectNode out = TfJson.object();
    out.put("securable_name", rendering.ref(s.resourceType, raw.path("securable_name").asText(), s.refAttribute));
    out.put("securable_type", s.bindingType);
    out.put("workspace_id", raw.path("workspace_id").asLong());
    out.put("binding_type", raw.path("binding_type").asText(READ_WRITE));
    return out;
  }

  private static String idOf(JsonNode attrs) {
    return attrs.path("workspace_id").asText() + "|" + attrs.path("securable_type").asText("catalog") + "|"
        + attrs.path("securable_name").asText();
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = idOf(attrs);
    Object[] p = parseId(id);
    change(ctx, (Securable) p[1], (String) p[2], "add", (Long) p[0], attrs.path("binding_type").asText(READ_WRITE));
    return id;
  }

  /** Never planned (replaceOnAnyChange). */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) {
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Object[] p = parseId(id);
    try {
      change(ctx, (Securable) p[1], (String) p[2], "remove", (Long) p[0], null);
    } catch (IOException | RuntimeException e) {
      if (!Rest.isNotFound(e)) {
        throw e;
      }
    }
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = idOf(attrs);
    return read(ctx, id) != null ? Optional.of(id) : Optional.empty();
  }

  @Override
  public boolean sharedWithSource(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return UcKind.shared(ctx);
  }
}
