package io.dbsync.kind.permissions;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.CurrentUser;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.ListedFolders;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Unknown;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_permissions: the direct (non-inherited) grants of one object. Resource-only: every
 * kind whose objects carry ACLs emits its permissions into its own file as a child ({@link #forObject}).
 *
 * <p>What is managed: every grant with {@code inherited=false} except the {@code admins} group
 * (admins always hold an inherited CAN_MANAGE and cannot be lowered). The resource is authoritative,
 * as in the provider: create/update PUT the full list, which replaces all direct grants; delete PUTs
 * an empty list (keeping the IS_OWNER of jobs, pipelines and SQL warehouses, which must always have one,
 * and the admins' CAN_MANAGE of token usage, which the provider re-adds on every write).
 *
 * <p>With {@code parameterize_permissions} the principal names become variables (as the seed did),
 * so a target whose users or groups are named differently can map them at import.
 */
public final class PermissionsKind implements Kind {
  public static final String TYPE = "databricks_permissions";
  /** Not an API field: the path read() adds for workspace objects so refresh can emit *_path selectors. */
  static final String PATH_FIELD = "path";
  private static final List<String> PRINCIPALS = List.of("group_name", "service_principal_name", "user_name");
  private static final Set<String> OWNED_TYPES = Set.of("jobs", "pipelines", "sql/warehouses");
  /** The token-usage object ("authorization/tokens"), whose ACL always keeps the admins' CAN_MANAGE. */
  private static final String TOKENS = "authorization/tokens";

  private static final KindInfo INFO = KindInfo.resourceOnly(TYPE, "permissions", "Object permissions");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return new LinkedHashSet<>(Selector.attributes());
  }

  // ---------------------------------------------------------------- export (called by parent kinds)

  /**
   * The permissions resource of one source object (a parent kind's child), or nothing when it has no
   * direct grants worth managing (or the object vanished meanwhile).
   *
   * @param requestObjectType path segment of the permissions API: clusters, jobs, notebooks, directories...
   * @param sourceObjectId    the object's id in the source workspace (workspace object_id for notebooks, directories, files)
   * @param selectorAttribute cluster_id, job_id, notebook_path, directory_path, authorization...
   * @param selectorValue     the rendered selector value, usually a reference to the parent resource
   * @param ownerResourceName the resource name (the parent's)
   */
  public static List<ExportedResource> forObject(ExportContext ctx, String requestObjectType, String sourceObjectId,
      String selectorAttribute, String selectorValue, String ownerResourceName) throws IOException {
    JsonNode raw = fetch(ctx.client(), requestObjectType, sourceObjectId);
    if (raw == null) {
      return List.of();
    }
    return fromRaw(ctx, raw, selectorAttribute, selectorValue, ownerResourceName).stream().toList();
  }

  /** Like {@link #forObject} for permissions already fetched (kinds that inspect the grants first). */
  public static Optional<ExportedResource> fromRaw(ExportContext ctx, JsonNode raw, String selectorAttribute,
      String selectorValue, String ownerResourceName) {
    if (Selector.byAttribute(selectorAttribute).isEmpty()) {
      throw new IllegalArgumentException("unknown databricks_permissions selector " + selectorAttribute);
    }
    boolean parameterize = ctx.settings().bool("parameterize_permissions", false);
    ArrayNode acl = accessControl(raw, ctx.rendering(), parameterize);
    if (acl.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode attrs = TfJson.object();
    attrs.put(selectorAttribute, selectorValue);
    attrs.set("access_control", acl);
    return Optional.of(new ExportedResource(TYPE, ownerResourceName, attrs));
  }

  /** GET /api/2.0/permissions/<type>/<id>, or null when the object does not exist. */
  public static JsonNode fetch(WorkspaceClient client, String requestObjectType, String objectId) throws IOException {
    return Rest.getOrNull(client, "/api/2.0/permissions/" + requestObjectType + "/" + objectId);
  }

  /**
   * True when the only managed grant is {@code userName}'s own CAN_MANAGE: the default ACL of a user's
   * home folder, which the target recreates with the user (the seed skipped these too).
   */
  public static boolean onlyDefaultHomeGrant(JsonNode raw, String userName) {
    ArrayNode acl = accessControl(raw, RefreshRendering.INSTANCE, false);
    return acl.size() == 1
        && userName.equalsIgnoreCase(acl.get(0).path("user_name").asText())
        && "CAN_MANAGE".equals(acl.get(0).path("permission_level").asText());
  }

  /** The managed grants as sorted access_control blocks. */
  static ArrayNode accessControl(JsonNode raw, Rendering rendering, boolean parameterize) {
    record Grant(String attr, String principal, String level) {}
    Set<Grant> grants = new LinkedHashSet<>();
    for (JsonNode entry : raw.path("access_control_list")) {
      String attr = PRINCIPALS.stream().filter(entry::hasNonNull).findFirst().orElse(null);
      if (attr == null) {
        continue;
      }
      String principal = entry.get(attr).asText();
      if ("group_name".equals(attr) && "admins".equals(principal)) {
        continue;
      }
      for (JsonNode p : entry.path("all_permissions")) {
        if (!p.path("inherited").asBoolean(false) && p.hasNonNull("permission_level")) {
          grants.add(new Grant(attr, principal, p.get("permission_level").asText()));
        }
      }
      // AccessControlRequest shape (what a PUT body or an older API returns): a flat permission_level
      if (!entry.has("all_permissions") && entry.hasNonNull("permission_level")) {
        grants.add(new Grant(attr, principal, entry.get("permission_level").asText()));
      }
    }
    List<Grant> sorted = new ArrayList<>(grants);
    sorted.sort(Comparator.comparing(Grant::attr).thenComparing(Grant::principal).thenComparing(Grant::level));
    ArrayNode out = TfJson.array();
    for (Grant g : sorted) {
      ObjectNode block = out.addObject();
      String value = parameterize
          ? rendering.variable(Names.safe("principal_" + g.principal()),
              "Name in the target workspace of principal " + g.principal(), false, g.principal())
          : g.principal();
      block.put(g.attr(), value);
      block.put("permission_level", g.level());
    }
    return out;
  }

  // ---------------------------------------------------------------- both

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    WorkspaceClient client = ctx.client();
    ParsedId p = ParsedId.parse(id);
    JsonNode raw = fetch(client, p.requestType(), p.objectId());
    if (raw == null) {
      return null;
    }
    ObjectNode copy = raw.deepCopy();
    copy.put("object_id", id);
    Optional<Selector> s = Selector.forRequestType(p.requestType());
    if (s.isPresent() && s.get().byPath()) {
      String path = WorkspacePaths.of(ctx).pathOf(client, p.objectId());
      if (path != null) {
        copy.put(PATH_FIELD, path);
      }
    }
    return copy;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ParsedId p = ParsedId.parse(raw.path("object_id").asText());
    Selector s = Selector.forRequestType(p.requestType())
        .orElseThrow(() -> new IllegalArgumentException("unknown permissions object " + p));
    ObjectNode attrs = TfJson.object();
    if (s.byPath() && raw.hasNonNull(PATH_FIELD)) {
      attrs.put(s.attribute(), rendering.ref(s.ownerType(), raw.get(PATH_FIELD).asText(), "id"));
    } else {
      Selector byId = s.idVariant();
      attrs.put(byId.attribute(), byId.ownerType() == null ? p.objectId() : rendering.ref(byId.ownerType(), p.objectId(), "id"));
    }
    // plain principal names: a parameterised export resolves its variables to these same names
    attrs.set("access_control", accessControl(raw, rendering, false));
    return attrs;
  }

  /** Gone when the object is gone or has no managed grants left (as the provider reads it). */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    JsonNode raw = read(ctx, id);
    if (raw == null) {
      return Optional.empty();
    }
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    return attrs.path("access_control").isEmpty() ? Optional.empty() : Optional.of(attrs);
  }

  // ---------------------------------------------------------------- import

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    Selector s = Selector.of(attrs);
    String value = attrs.get(s.attribute()).asText();
    String objectId = s.byPath() ? objectIdOfPath(ctx.client(), value) : value;
    String requestType = s.requestType();
    put(ctx.client(), requestType, objectId, attrs.path("access_control"));
    if (s.byPath()) {
      WorkspacePaths.of(ctx).remember(TfJson.object().put("object_id", objectId).put("path", value));
    }
    return "/" + requestType + "/" + objectId;
  }

  /**
   * The workspace-wide token and password usage permissions ({@code authorization}) belong to the
   * target as its settings do (review D10): adopted, they are released, never emptied by a destroy.
   */
  @Override
  public boolean builtIn(ApplyContext ctx, ObjectNode attrs) {
    return attrs.hasNonNull("authorization");
  }

  /**
   * Grants that exist before the import (e.g. users CAN_USE on a built-in policy, or on an object the
   * target already had) are adopted, so that a later destroy releases them instead of wiping the ACL.
   * Grants of the importing user alone (creators get CAN_MANAGE) do not count.
   */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    Selector s = Selector.of(attrs);
    JsonNode selector = attrs.get(s.attribute());
    if (selector == null || !selector.isTextual()) {
      return Optional.empty();
    }
    String objectId = s.byPath() ? listedObjectIdOfPath(ctx, selector.asText()) : selector.asText();
    if (objectId == null) {
      return Optional.empty();
    }
    JsonNode raw = fetch(ctx.client(), s.requestType(), objectId);
    if (raw == null) {
      return Optional.empty();
    }
    String me = CurrentUser.userName(ctx);
    String id = "/" + s.requestType() + "/" + objectId;
    // the API may name the object in its own form ("/queries/x" for sql/queries): this resource's id instead
    ObjectNode acl = ((ObjectNode) raw.deepCopy()).put("object_id", id);
    for (JsonNode grant : toConfig(acl, ctx.rendering()).path("access_control")) {
      if (me == null || !me.equalsIgnoreCase(grant.path("user_name").asText(""))) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /**
   * The permissions of an object this run is about to create (its selector is not known yet) are not
   * in the target: a new object has no grants but its creator's, which {@link #adopt} does not count.
   */
  @Override
  public boolean mayPreexist(ObjectNode partlyKnown) {
    return Selector.attributes().stream().map(partlyKnown::get).noneMatch(Unknown::is);
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    ParsedId p = ParsedId.parse(id);
    put(ctx.client(), p.requestType(), p.objectId(), attrs.path("access_control"));
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    ParsedId p = ParsedId.parse(id);
    if (fetch(ctx.client(), p.requestType(), p.objectId()) == null) {
      return;
    }
    try {
      put(ctx.client(), p.requestType(), p.objectId(), TfJson.array());
    } catch (IOException | RuntimeException e) {
      if (!Rest.isNotFound(e)) {
        throw e;
      }
    }
  }

  /**
   * PUT the full list of direct grants. Jobs, pipelines and warehouses must keep exactly one IS_OWNER: when the
   * desired list names none, the current owner stays (as the provider does).
   */
  private static void put(WorkspaceClient client, String requestType, String objectId, JsonNode accessControl)
      throws IOException {
    ArrayNode list = TfJson.array();
    boolean hasOwner = false;
    for (JsonNode block : accessControl) {
      ObjectNode item = list.addObject();
      for (String attr : PRINCIPALS) {
        if (block.hasNonNull(attr)) {
          item.put(attr, block.get(attr).asText());
        }
      }
      item.put("permission_level", block.path("permission_level").asText());
      hasOwner |= "IS_OWNER".equals(block.path("permission_level").asText());
    }
    if (OWNED_TYPES.contains(requestType) && !hasOwner) {
      JsonNode current = fetch(client, requestType, objectId);
      for (JsonNode entry : current == null ? TfJson.array() : current.path("access_control_list")) {
        for (JsonNode perm : entry.path("all_permissions")) {
          if (!perm.path("inherited").asBoolean(false) && "IS_OWNER".equals(perm.path("permission_level").asText())) {
            ObjectNode item = list.addObject();
            PRINCIPALS.stream().filter(entry::hasNonNull).findFirst()
                .ifPresent(attr -> item.put(attr, entry.get(attr).asText()));
            item.put("permission_level", "IS_OWNER");
          }
        }
      }
    }
    boolean namesAdmins = false;
    for (JsonNode item : list) {
      namesAdmins |= "admins".equals(item.path("group_name").asText());
    }
    if (TOKENS.equals(requestType + "/" + objectId) && !namesAdmins) {
      // admins always manage token use; a PUT without them would take that away (the provider adds them too)
      list.addObject().put("group_name", "admins").put("permission_level", "CAN_MANAGE");
    }
    ObjectNode body = TfJson.object();
    body.set("access_control_list", list);
    Rest.put(client, "/api/2.0/permissions/" + requestType + "/" + objectId, body);
  }

  /**
   * The object id of the workspace object at {@code path} from its folder's listing (one per folder and
   * run, {@link ListedFolders}), or null when there is none.
   */
  private static String listedObjectIdOfPath(ApplyContext ctx, String path) throws IOException {
    JsonNode info;
    if (ListedFolders.walkable(path) && !path.startsWith("/Workspace/")) {
      info = ListedFolders.status(ctx, ListedFolders.WORKSPACE, path);
    } else {
      info = Rest.getOrNull(ctx.client(), "/api/2.0/workspace/get-status", "path", path);
    }
    if (info == null) {
      return null;
    }
    WorkspacePaths.of(ctx).remember(info);
    if (!info.hasNonNull("object_id")) {
      throw new IOException("workspace object " + path + " has no object_id");
    }
    return info.get("object_id").asText();
  }

  private static String objectIdOfPath(WorkspaceClient client, String path) throws IOException {
    JsonNode info = Rest.get(client, "/api/2.0/workspace/get-status", "path", path);
    if (!info.hasNonNull("object_id")) {
      throw new IOException("workspace object " + path + " has no object_id");
    }
    return info.get("object_id").asText();
  }

  /** A Terraform id "/<request type>/<object id>" ("/sql/warehouses/abc", "/authorization/tokens"). */
  record ParsedId(String requestType, String objectId) {
    static ParsedId parse(String id) {
      int slash = id.lastIndexOf('/');
      if (!id.startsWith("/") || slash <= 0 || slash == id.length() - 1) {
        throw new IllegalArgumentException("not a databricks_permissions id: " + id);
      }
      return new ParsedId(id.substring(1, slash), id.substring(slash + 1));
    }
  }
}
