package io.dbsync.kind.workspace;

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
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_directory, exported only where it carries information: a folder with direct
 * permissions (then with its databricks_permissions), or an empty folder (which no notebook would
 * recreate). Built-in folders (/, /Users, /Shared, /Repos) are never exported, and a user's home
 * folder only when its ACL differs from the default one the target creates with the user.
 */
public final class DirectoryKind implements Kind {
  public static final String TYPE = "databricks_directory";
  private static final Set<String> BUILT_IN = Set.of("/", "/Users", "/Shared", "/Repos");

  private static final KindInfo INFO = KindInfo.exported(TYPE, "notebook", "directory",
      "Notebooks (SOURCE, all four languages), directories, workspace files");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("path");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    WorkspaceScan scan = WorkspaceScan.of(ctx);
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode info : scan.directories) {
      String path = info.path("path").asText();
      if (!BUILT_IN.contains(path)) {
        ObjectNode details = info.deepCopy();
        details.put("_empty", scan.emptyDirectories.contains(path));
        out.add(new SourceObject(path, Names.safe(path), details));
      }
    }
    return out;
  }

  /** Empty unless the folder has managed permissions or is empty (see the class comment). */
  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj, JsonNode info) throws IOException {
    String path = obj.id();
    String homeOwner = homeOwner(path);
    JsonNode acl = PermissionsKind.fetch(ctx.client(), "directories", info.path("object_id").asText());
    Optional<ExportedResource> permissions = Optional.empty();
    if (acl != null && (homeOwner == null || !PermissionsKind.onlyDefaultHomeGrant(acl, homeOwner))) {
      permissions = PermissionsKind.fromRaw(ctx, acl, "directory_path", ctx.rendering().ref(TYPE, path, "id"), obj.name());
    }
    boolean empty = info.path("_empty").asBoolean(false);
    if (permissions.isEmpty() && (!empty || homeOwner != null)) {
      return List.of();
    }
    List<ExportedResource> out = new ArrayList<>();
    out.add(new ExportedResource(TYPE, obj.name(), exportConfig(ctx, info)));
    permissions.ifPresent(out::add);
    return out;
  }

  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) {
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    CustomMapVars.apply(attrs, ctx.settings(), ctx.rendering());
    return attrs;
  }

  /** The user name when the path is a home folder /Users/<name>, else null. */
  private static String homeOwner(String path) {
    String[] parts = path.split("/");
    return parts.length == 3 && parts[1].equals("Users") ? parts[2] : null;
  }

  /**
   * A user's home folder comes with the user and the built-in folders with the workspace: adopted
   * (after a lost state), they are only released, never deleted by a destroy or when they leave the config.
   */
  @Override
  public boolean builtIn(ApplyContext ctx, ObjectNode attrs) {
    String path = attrs.path("path").asText("");
    return BUILT_IN.contains(path) || homeOwner(path) != null;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return WorkspaceApi.statusOfType(ctx, id, "DIRECTORY");
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    return TfJson.object().put("path", raw.path("path").asText());
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String path = attrs.get("path").asText();
    WorkspaceApi.mkdirs(ctx, path);
    return path;
  }

  /** Only {@code delete_recursive} can differ without a replace, and it matters only at delete. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) {
  }

  /**
   * Deletes the folder. Without {@code delete_recursive}, a folder that still holds objects this
   * tool does not manage is left in place rather than failing the whole import.
   */
  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    boolean recursive = prior != null && prior.path("delete_recursive").asBoolean(false);
    try {
      WorkspaceApi.delete(ctx, id, recursive);
    } catch (IOException | RuntimeException e) {
      if (!Rest.hasCode(e, "DIRECTORY_NOT_EMPTY")) {
        throw e;
      }
    }
  }

  /** From the parent folder's listing (one per folder and run), as {@link #adopt} is. */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    return Optional.ofNullable(WorkspaceApi.listedStatusOfType(ctx, id, "DIRECTORY")).map(i -> toConfig(i, ctx.rendering()));
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String path = attrs.get("path").asText();
    return Optional.ofNullable(WorkspaceApi.listedStatusOfType(ctx, path, "DIRECTORY")).map(i -> path);
  }
}
