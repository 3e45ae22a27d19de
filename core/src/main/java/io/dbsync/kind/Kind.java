package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Databricks object kind, i.e. one Terraform resource type. The same class exports it
 * (list, read, toConfig) and applies it (create, update, delete), so the mapping between the API and
 * the Terraform attributes lives in one place.
 *
 * <p>Export: the exporter calls {@link #list} on every kind first (cheap, names and ids: this builds
 * the reference index), then per object takes the listed details (or {@link #read}s the object) and
 * calls {@link #export}, whose default writes {@link #exportConfig} as the object's own resource and
 * appends {@link #children}. Import: the engine refreshes with {@link #read} + {@link #toConfig} (so
 * the refreshed attributes have exactly the shape that export writes and an in-sync object diffs to
 * nothing), and writes with create/update/delete.
 *
 * <p>Failures: API calls throw the SDK's unchecked {@code DatabricksError}s, the rest
 * {@link IOException}; "not found" is decided by {@code io.dbsync.client.Rest}.
 *
 * <p>Resource-only kinds (permissions, group members, secrets, secret ACLs, instance-profile
 * assignments) have no directory ({@link KindInfo#resourceOnly}): their parent kind emits them into
 * the parent's file, and they exist here for import.
 */
public interface Kind {
  /** Type, config key, directory and README text of the kind. */
  KindInfo info();

  /** Attributes whose change forces replace (delete + create) rather than update in place. */
  default Set<String> forceNew() {
    return Set.of();
  }

  /**
   * Attributes the API never returns (secret values, passwords, credentials), as paths ("a", "a.b"):
   * the refresh cannot see them, so the plan compares them with the state's last-applied value.
   * Every other attribute is compared with the target, and one missing there is a change (drift).
   */
  default Set<String> writeOnly() {
    return Set.of();
  }

  /**
   * The attribute whose value is the object's place in an order the target keeps among the kind's
   * objects (global init scripts: {@code position}, their execution order, renumbered by the API on
   * every insert, move and delete), or null. The import then writes the kind's objects one at a time,
   * in that order, after the kind's deletes.
   */
  default String orderedBy() {
    return null;
  }

  /** True when every attribute change forces replace (resources without an Update in the provider). */
  default boolean replaceOnAnyChange() {
    return false;
  }

  /**
   * Whether this kind handles one object of its type, for a type several kinds share (databricks_schema
   * and databricks_sql_table: the Hive metastore's and Unity Catalog's, see {@link HiveOrUnityCatalog}).
   * {@code id} is the object's Terraform id (null before it exists), {@code attrs} its desired or
   * last-applied attributes (null when only the id is known); attributes decide before the id. The
   * registry gives an object to the first of its type's kinds that handles it. Default: every object.
   */
  default boolean handles(String id, JsonNode attrs) {
    return true;
  }

  // ---------------------------------------------------------------- export

  /**
   * The exporter's step for one listed object: its listed details, else a {@link #read}, then
   * {@link #export}. Empty when the object is gone since the listing or has nothing to export.
   */
  static List<ExportedResource> exportObject(Kind kind, ExportContext ctx, SourceObject obj) throws IOException {
    JsonNode raw = obj.details() != null ? obj.details() : kind.read(ctx, obj.id());
    return raw == null ? List.of() : kind.export(ctx, obj, raw);
  }

  /**
   * Source objects selected by the config: ids and names, plus the full API object as
   * {@link SourceObject#details} when the listing already returned it (saves a read per object).
   */
  default List<SourceObject> list(ExportContext ctx) throws IOException {
    return List.of();
  }

  /**
   * The resources of one object's file exports/&lt;directory&gt;/&lt;obj.name()&gt;.tf.json, from its
   * API object {@code raw} (the listed details, else {@link #read}). Default: the object's own
   * resource ({@link #exportConfig}, left out when null) followed by its {@link #children}. Kinds
   * whose file depends on what the children are (a directory is exported only for its permissions
   * or when it is empty) override this; an empty list means the object has no file.
   */
  default List<ExportedResource> export(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    List<ExportedResource> out = new ArrayList<>();
    ObjectNode attrs = exportConfig(ctx, raw);
    if (attrs != null) {
      out.add(new ExportedResource(info().type(), obj.name(), attrs));
    }
    out.addAll(children(ctx, obj, raw));
    return out;
  }

  /**
   * The attributes of the object's own resource at export, or null when the object is no resource
   * itself (a built-in group whose members are). Default: {@link #toConfig} with the export rendering;
   * kinds override it to apply export-only settings (custom_map_vars, job conversions).
   */
  default ObjectNode exportConfig(ExportContext ctx, JsonNode raw) throws IOException {
    return toConfig(raw, ctx.rendering());
  }

  /** Resources that go into the object's file after its own: permissions, members, secrets, ACLs, grants. */
  default List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return List.of();
  }

  // ---------------------------------------------------------------- both

  /** The object as the API returns it, or null when it does not exist. */
  JsonNode read(KindContext ctx, String id) throws IOException;

  /** Terraform attributes of the object (computed fields dropped, references through the rendering). */
  ObjectNode toConfig(JsonNode raw, Rendering rendering) throws IOException;

  // ---------------------------------------------------------------- import

  /** Creates the object from resolved attributes; returns its Terraform id. */
  String create(ApplyContext ctx, ObjectNode attrs) throws IOException;

  /**
   * Creates of this kind that answer the same key may be sent together ({@link #createAll}): the
   * entries of one owner's multi-valued attribute, written by one request. {@code desired} are the
   * configured attributes as the plan has them, references unresolved (the owner's expression is the
   * key). Deletes of this kind whose last applied attributes answer the same key are sent together
   * too ({@link #deleteAll}). Empty, the default: each object is created and deleted on its own.
   */
  default Optional<String> batchKey(ObjectNode desired) {
    return Optional.empty();
  }

  /**
   * Creates the objects of one batch (attributes resolved, every one with the same {@link #batchKey});
   * returns their Terraform ids, one per item in order. A failure means the batch may have landed in
   * part: the engine then creates each item on its own with {@link #create} (which must accept an
   * object the batch already created), so one bad item fails alone. Only called when
   * {@link #batchKey} answers; the default creates one at a time.
   */
  default List<String> createAll(ApplyContext ctx, List<ObjectNode> attrs) throws IOException {
    List<String> ids = new ArrayList<>();
    for (ObjectNode a : attrs) {
      ids.add(create(ctx, a));
    }
    return ids;
  }

  /** Updates in place. {@code prior} is what the state recorded as last applied. */
  void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException;

  /** Deletes; an object that is already gone is success (deletes must be safe to repeat on resume). */
  void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException;

  /**
   * Deletes the objects of one batch (every prior answering the same {@link #batchKey}). A failure
   * means the batch may have landed in part: the engine then deletes each item on its own with
   * {@link #delete} (gone is success there), so one bad item fails alone. Only called when
   * {@link #batchKey} answers; the default deletes one at a time.
   */
  default void deleteAll(ApplyContext ctx, List<String> ids, List<ObjectNode> priors) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      delete(ctx, ids.get(i), priors.get(i));
    }
  }

  /**
   * An object already in the target that these attributes describe and that must be adopted rather
   * than created: built-ins (admins/users groups, default policies, the admin user, /Shared) and
   * objects whose natural key (user name, group name, path, scope name) is taken.
   */
  default Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return Optional.empty();
  }

  /**
   * Whether the object these attributes describe may already be in the target although some of them
   * are known only after this run creates what they refer to (then the apply asks {@link #adopt} once
   * they are known). False for an object that cannot exist before the one it belongs to: the
   * permissions of an object the run creates have no grants to adopt, so they are not asked for.
   *
   * @param partlyKnown the resolved desired attributes, some of them unknown until apply
   */
  default boolean mayPreexist(ObjectNode partlyKnown) {
    return true;
  }

  /**
   * An attribute of the target object {@code id} that only the workspace knows and other resources
   * refer to (a Terraform computed attribute: {@code databricks_mlflow_model.registered_model_id}, the
   * id its permissions need), or null when the kind has no such attribute. References ask for it
   * only when neither the configuration nor the state has the attribute.
   */
  default JsonNode computedAttribute(KindContext ctx, String id, String attr) throws IOException {
    return null;
  }

  /**
   * True when this import must leave the object these attributes describe as the target has it,
   * because the target already holds the source's own (Unity Catalog objects when source and target
   * share one metastore). The planner then adopts what it finds as it is (no write, whatever differs),
   * plans nothing for what the target does not show, and releases rather than deletes. {@code attrs}
   * are the resolved desired attributes, or the last-applied ones of a deletion.
   */
  default boolean sharedWithSource(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return false;
  }

  /**
   * Mirror: the children this object has in the target that belong to it as a managed container (a
   * scope's secrets and ACLs, a group's members), so the plan can remove those the configuration does
   * not declare. {@code id} is the object's target id, or null when the import is about to create it:
   * then the children the API adds by itself on create (a new scope's MANAGE ACL for its creator).
   * Children the kind must keep (the importing admin's own admin rights) are left out.
   *
   * @param attrs the object's resolved desired attributes
   */
  default List<TargetChild> targetChildren(ApplyContext ctx, String id, ObjectNode attrs) throws IOException {
    return List.of();
  }

  /**
   * The target id that these resolved attributes name, for kinds whose id is their natural key
   * (secrets and secret ACLs: scope and key or principal; group members: group and member); empty
   * when the kind's ids are assigned by the target or an attribute is not known yet.
   */
  default Optional<String> naturalId(ObjectNode attrs) {
    return Optional.empty();
  }

  /**
   * True when an adopted object is one the target workspace has of its own (the admin user the
   * import runs as, a policy family's default policy): the import never owns it, so leaving the
   * config or --destroy only releases it. Other adopted objects the revision exported from the
   * source are owned (review D10). Called with the resolved attributes at adoption.
   */
  default boolean builtIn(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return false;
  }

  /**
   * Refreshed attributes of the object in the target, or empty if it is gone. Artifacts go through
   * {@code ctx.rendering()} with their listing's version ({@link Rendering#artifact(String,
   * Rendering.ArtifactWriter, JsonNode)}): the planner's refresh answers the hash the state recorded
   * for an unmoved version without reading the content ({@link VersionedRefresh}).
   */
  default Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    JsonNode raw = read(ctx, id);
    return raw == null ? Optional.empty() : Optional.of(toConfig(raw, ctx.rendering()));
  }
}
