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
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.TargetChild;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Unity Catalog kinds share. Objects are read at /api/2.1/unity-catalog/&lt;collection&gt;/&lt;id&gt;
 * (the Terraform id is the name, or the full name inside catalogs) and adopted by that natural key; at
 * export the owner is a principal ({@link UcPrincipals}) and the object's grants and workspace
 * bindings follow it in its file. When the target shares the source's metastore ({@link SourceMetastore})
 * the import adopts everything as it is and writes nothing.
 */
abstract class UcKind implements Kind {
  static final String CONFIG_KEY = "unity_catalog";
  static final String DIR_CREDENTIALS = "uc_storage_credential";
  static final String DIR_LOCATIONS = "uc_external_location";
  static final String DIR_CONNECTIONS = "uc_connection";
  static final String DIR_CATALOGS = "uc_catalog";
  static final String DIR_SCHEMAS = "uc_schema";
  static final String DIR_VOLUMES = "uc_volume";
  static final String DIR_TABLES = "uc_table";
  static final String DIR_MODELS = "uc_registered_model";
  /** Every Unity Catalog folder of an export (each records the source metastore). */
  static final List<String> DIRECTORIES = List.of(DIR_CREDENTIALS, DIR_LOCATIONS, DIR_CONNECTIONS, DIR_CATALOGS,
      DIR_SCHEMAS, DIR_VOLUMES, DIR_TABLES, DIR_MODELS);

  private final KindInfo info;
  private final Securable securable;
  private final String collection;
  private final boolean inCatalog;
  private final Set<String> forceNew;

  /**
   * @param securable  the securable in grants (and bindings)
   * @param collection path segment of the objects' collection: catalogs, schemas, storage-credentials, ...
   * @param inCatalog  true for objects inside a catalog, whose id is the full name; else the id is the name
   * @param forceNew   attributes whose change replaces the object
   */
  UcKind(KindInfo info, Securable securable, String collection, boolean inCatalog, Set<String> forceNew) {
    this.info = info;
    this.securable = securable;
    this.collection = collection;
    this.inCatalog = inCatalog;
    this.forceNew = forceNew;
  }

  @Override
  public final KindInfo info() {
    return info;
  }

  @Override
  public final Set<String> forceNew() {
    return forceNew;
  }

  final Securable securable() {
    return securable;
  }

  final String collection() {
    return collection;
  }

  final boolean inCatalog() {
    return inCatalog;
  }

  /** The Terraform id the desired attributes name (the natural key). */
  String idOf(JsonNode attrs) {
    String name = attrs.path("name").asText();
    return inCatalog() ? attrs.path("catalog_name").asText() + "." + (attrs.has("schema_name")
        ? attrs.path("schema_name").asText() + "." : "") + name : name;
  }

  /** The Terraform id of an API object. */
  String idOfRaw(JsonNode raw) {
    return inCatalog() ? raw.path("full_name").asText() : raw.path("name").asText();
  }

  /** True when the target is attached to the metastore the export came from (one answer per import run). */
  static boolean shared(ApplyContext ctx) throws IOException {
    return SourceMetastore.sharedWithTarget(ctx, DIRECTORIES);
  }

  @Override
  public boolean sharedWithSource(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return shared(ctx);
  }

  /**
   * Listed objects of the kind (the listing's objects as their details), or none (with a warning, once)
   * when the workspace has no metastore.
   */
  final List<SourceObject> listed(ExportContext ctx, Lister lister) throws IOException {
    UcScope scope = UcScope.of(ctx);
    if (!scope.begin(ctx)) {
      return List.of();
    }
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode o : lister.list(scope)) {
      String id = idOfRaw(o);
      out.add(new SourceObject(id, Names.safe(id), listedDetails(o)));
    }
    return out;
  }

  /** What the exporter gets as an object's details: the listed object, or null when a read has more. */
  JsonNode listedDetails(JsonNode listed) {
    return listed;
  }

  @FunctionalInterface
  interface Lister {
    List<JsonNode> list(UcScope scope) throws IOException;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return UcApi.getOrNull(ctx.client(), UcApi.path(collection(), id));
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    JsonNode raw = read(ctx, idOf(attrs));
    return raw == null ? Optional.empty() : Optional.of(idOfRaw(raw));
  }

  /** The owner as a principal reference, then what the kind renders only at export (paths, secrets). */
  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) throws IOException {
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    if (attrs.hasNonNull("owner")) {
      attrs.put("owner", UcPrincipals.render(ctx, attrs.get("owner").asText()));
    }
    exportOnly(ctx, raw, attrs);
    return attrs;
  }

  /** Export-only rendering of {@code attrs}: storage paths and identities as variables, secret options. */
  void exportOnly(ExportContext ctx, JsonNode raw, ObjectNode attrs) throws IOException {
  }

  /**
   * A storage path attribute at export ({@link UcPaths}): relative to its external location, else a
   * variable "uc_&lt;noun&gt;_&lt;object&gt;_&lt;attribute&gt;" defaulting to the source's path.
   */
  static void path(ExportContext ctx, ObjectNode attrs, String attribute, String noun, String object) throws IOException {
    if (attrs.hasNonNull(attribute)) {
      attrs.put(attribute, UcPaths.render(ctx, attrs.get(attribute).asText(), "uc_" + noun + "_" + Names.safe(object)
          + "_" + attribute, "The " + attribute + " of " + noun + " " + object));
    }
  }

  /** The object's grants, and its workspace bindings when it can be bound. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    List<ExportedResource> out = new ArrayList<>();
    GrantsKind.export(ctx, securable(), obj.id(), obj.name()).ifPresent(out::add);
    if (securable().bindingType != null) {
      out.addAll(WorkspaceBindingKind.export(ctx, securable(), raw, obj.id(), obj.name()));
    }
    return out;
  }

  /**
   * Mirror: an isolated object's bindings to workspaces the configuration does not declare
   * ({@link WorkspaceBindingKind#targetChildren}). Nothing when the target shares the source's
   * metastore (the import writes nothing there), for an object still to be created (the API binds only
   * the creating workspace) or for an open one. Grants need no mirror: a databricks_grants resource
   * owns the object's full grant set.
   */
  @Override
  public List<TargetChild> targetChildren(ApplyContext ctx, String id, ObjectNode attrs) throws IOException {
    if (id == null || securable().bindingType == null || !WorkspaceBindingKind.isolated(attrs) || shared(ctx)) {
      return List.of();
    }
    return WorkspaceBindingKind.targetChildren(ctx, securable(), id);
  }

  /** Deletes without force: an object that still holds others (not from this import) stays, with an error. */
  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), UcApi.path(collection(), id));
  }

  JsonNode patch(ApplyContext ctx, String id, ObjectNode body) throws IOException {
    return Rest.patch(ctx.client(), UcApi.path(collection(), id), body);
  }

  /** A new object's owner, when the attributes name another than the creator (as the provider does it). */
  void setOwner(ApplyContext ctx, String id, JsonNode created, JsonNode attrs) throws IOException {
    String owner = attrs.path("owner").asText("");
    if (!owner.isEmpty() && !owner.equals(created.path("owner").asText())) {
      ObjectNode body = TfJson.object().put("owner", owner);
      Principals.naming("owner of " + securable().apiType + " " + id, () -> patch(ctx, id, body));
    }
  }

  /**
   * Creates the object from a request body, then sets its owner and isolation as the provider does:
   * making it isolated binds the importing workspace, which could not use it otherwise.
   */
  String create(ApplyContext ctx, ObjectNode attrs, ObjectNode body) throws IOException {
    JsonNode created = Rest.post(ctx.client(), UcApi.BASE + collection(), body);
    String id = idOfRaw(created);
    setOwner(ctx, id, created, attrs);
    if (attrs.hasNonNull("isolation_mode")) {
      patch(ctx, id, TfJson.object().put("isolation_mode", attrs.get("isolation_mode").asText()));
      WorkspaceBindingKind.bindCurrentWorkspace(ctx, securable(), id);
    }
    return id;
  }

  /**
   * Updates the object with a request body plus its owner and isolation mode ({@code open} when the
   * attributes name none); becoming isolated binds the importing workspace.
   */
  void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior, ObjectNode body, String open)
      throws IOException {
    if (securable().bindingType != null) {
      body.put("isolation_mode", attrs.path("isolation_mode").asText(open));
    }
    if (attrs.hasNonNull("owner")) {
      body.put("owner", attrs.get("owner").asText());
    }
    if (!attrs.hasNonNull("comment")) {
      body.put("comment", ""); // a comment the source dropped
    }
    Principals.naming(securable().apiType + " " + id, () -> patch(ctx, id, body));
    if (attrs.hasNonNull("isolation_mode") && (prior == null || !attrs.get("isolation_mode").equals(prior.get("isolation_mode")))) {
      WorkspaceBindingKind.bindCurrentWorkspace(ctx, securable(), id);
    }
  }

  // ------------------------------------------------------------ attribute helpers

  /**
   * The catalog_name of an object in a catalog: a reference to the catalog when the export has it
   * (patterns may pick objects without their catalog, which the target must then have), else the name.
   */
  static String catalogRef(Rendering rendering, String catalog) {
    return rendering.refOr(CatalogKind.TYPE, catalog, "name", catalog);
  }

  /** The schema_name of an object in a schema: a reference to the schema's name when exported, else the name. */
  static String schemaRef(Rendering rendering, String catalog, String schema) {
    return rendering.refOr(SchemaKind.TYPE, catalog + "." + schema, "name", schema);
  }

  /** Copies a non-empty string field (source text: the export's rendering escapes it in the file). */
  static void text(ObjectNode out, JsonNode raw, String field) {
    String v = raw.path(field).asText("");
    if (raw.hasNonNull(field) && !v.isEmpty()) {
      out.put(field, v);
    }
  }

  /** Copies a non-empty map of strings (properties, options). */
  static void map(ObjectNode out, JsonNode raw, String field) {
    JsonNode m = raw.path(field);
    if (m.isObject() && !m.isEmpty()) {
      ObjectNode o = out.putObject(field);
      m.properties().forEach(e -> o.put(e.getKey(), e.getValue().asText()));
    }
  }

  /** Copies a boolean field only when true (false is the provider's default). */
  static void flag(ObjectNode out, JsonNode raw, String field) {
    if (raw.path(field).asBoolean(false)) {
      out.put(field, true);
    }
  }

  /** Copies the given fields of the attributes that are present into a request body. */
  static ObjectNode body(JsonNode attrs, String... fields) {
    ObjectNode b = TfJson.object();
    for (String f : fields) {
      if (attrs.hasNonNull(f)) {
        b.set(f, attrs.get(f).deepCopy());
      }
    }
    return b;
  }
}
