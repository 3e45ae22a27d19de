package io.dbsync.kind;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Databricks object kind, i.e. one Terraform resource type. The same class exports it
 * (list, read, toConfig) and applies it (create, update, delete), so the mapping between the API and
 * the Terraform attributes lives in one place.
 *
 * <p>Export: the exporter calls {@link #list} on every kind first (cheap, names and ids: this builds
 * the reference index), then {@link #export} per object. Import: the engine refreshes with
 * {@link #read} + {@link #toConfig} (so the refreshed attributes have exactly the shape that export
 * writes and an in-sync object diffs to nothing), and writes with create/update/delete.
 *
 * <p>Resource-only kinds (permissions, group members, secrets, secret ACLs, instance-profile
 * assignments) have no {@link #directory()}: their parent kind emits them into the parent's file,
 * and they exist here for import.
 */
public interface Kind {
  /** Terraform resource type, e.g. {@code databricks_cluster}. */
  String type();

  /** Key under {@code objects:} in the export YAML that selects this kind ("identity" for users, groups, SPs). */
  String configKey();

  /** Folder under exports/ for this kind's files; null for resource-only kinds. */
  String directory();

  /** Attributes whose change forces replace (delete + create) rather than update in place. */
  default Set<String> forceNew() {
    return Set.of();
  }

  /** True when every attribute change forces replace (resources without an Update in the provider). */
  default boolean replaceOnAnyChange() {
    return false;
  }

  // ---------------------------------------------------------------- export

  /** Source objects selected by the config (ids and names only where the API allows). */
  default List<SourceObject> list(ExportContext ctx) throws Exception {
    return List.of();
  }

  /**
   * The resources that represent one source object: its own resource first, then children
   * (its permissions, members, secrets...). All go into one file exports/<directory>/<obj.name()>.tf.json.
   */
  default List<ExportedResource> export(ExportContext ctx, SourceObject obj) throws Exception {
    JsonNode raw = obj.details() != null ? obj.details() : read(ctx.client(), obj.id());
    if (raw == null) {
      return List.of();
    }
    return List.of(new ExportedResource(type(), obj.name(), toConfig(raw, ctx.rendering())));
  }

  // ---------------------------------------------------------------- both

  /** The object as the API returns it, or null when it does not exist. */
  JsonNode read(WorkspaceClient client, String id) throws Exception;

  /** Terraform attributes of the object (computed fields dropped, references through the rendering). */
  ObjectNode toConfig(JsonNode raw, Rendering rendering) throws Exception;

  // ---------------------------------------------------------------- import

  /** Creates the object from resolved attributes; returns its Terraform id. */
  String create(ApplyContext ctx, ObjectNode attrs) throws Exception;

  /** Updates in place. {@code prior} is what the state recorded as last applied. */
  void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws Exception;

  void delete(ApplyContext ctx, String id, ObjectNode prior) throws Exception;

  /**
   * An object already in the target that these attributes describe and that must be adopted rather
   * than created: built-ins (admins/users groups, default policies, the admin user, /Shared) and
   * objects whose natural key (user name, group name, path, scope name) is taken.
   */
  default Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws Exception {
    return Optional.empty();
  }

  /** Refreshed attributes of the object in the target, or empty if it is gone. */
  default Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws Exception {
    JsonNode raw = read(ctx.client(), id);
    return raw == null ? Optional.empty() : Optional.of(toConfig(raw, ctx.rendering()));
  }
}
