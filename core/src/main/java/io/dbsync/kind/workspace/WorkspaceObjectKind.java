package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Content;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What notebooks and workspace files share: selected by the {@code notebook} settings through one
 * workspace scan, named by path, exported with their content as an artifact and their direct
 * permissions in the same file, imported with mkdirs of the parent then an overwriting import,
 * adopted when the path already holds an object of the same type.
 */
abstract class WorkspaceObjectKind implements Kind {
  private final KindInfo info;
  private final String type;
  private final String objectType;
  private final String exportFormat;
  private final String permissionsType;
  private final String permissionsSelector;

  WorkspaceObjectKind(String type, String directory, String objectType, String exportFormat,
                      String permissionsType, String permissionsSelector) {
    this.info = KindInfo.exported(type, "notebook", directory,
        "Notebooks (SOURCE, all four languages), directories, workspace files");
    this.type = type;
    this.objectType = objectType;
    this.exportFormat = exportFormat;
    this.permissionsType = permissionsType;
    this.permissionsSelector = permissionsSelector;
  }

  /** This kind's objects among those the scan found. */
  abstract List<JsonNode> scanned(WorkspaceScan scan);

  /** Writes the artifact to {@code path} (create and update are the same overwriting import). */
  abstract void write(ApplyContext ctx, String path, ObjectNode attrs) throws IOException;

  @Override
  public final KindInfo info() {
    return info;
  }

  @Override
  public final Set<String> forceNew() {
    return Set.of("path");
  }

  /** The scanned objects, each with its content attached (read only when the export writes it). */
  @Override
  public final List<SourceObject> list(ExportContext ctx) throws IOException {
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode info : scanned(WorkspaceScan.of(ctx))) {
      String path = info.path("path").asText();
      out.add(new SourceObject(path, Names.safe(path), Content.attach(info, WorkspaceApi.exporter(ctx.client(), path, exportFormat))));
    }
    return out;
  }

  /**
   * The listing's {@code fields} that change with the content, plus the export format the bytes
   * are read in; null when the listing lacks one of them (the content is then read).
   */
  final JsonNode sourceVersion(JsonNode raw, String... fields) {
    ObjectNode v = Content.version(raw, fields);
    return v == null ? null : v.put("format", exportFormat);
  }

  @Override
  public final ObjectNode exportConfig(ExportContext ctx, JsonNode raw) throws IOException {
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    CustomMapVars.apply(attrs, ctx.settings(), ctx.rendering());
    return attrs;
  }

  /** The object's direct permissions. */
  @Override
  public final List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, permissionsType, raw.path("object_id").asText(), permissionsSelector,
        ctx.rendering().ref(type, obj.id(), "id"), obj.name());
  }

  @Override
  public final JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode info = WorkspaceApi.statusOfType(ctx, id, objectType);
    return info == null ? null : Content.attach(info, WorkspaceApi.exporter(ctx.client(), id, exportFormat));
  }

  /** As {@link #read}, with the object info from its folder's listing (one per folder and run). */
  @Override
  public final Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    JsonNode info = WorkspaceApi.listedStatusOfType(ctx, id, objectType);
    return info == null ? Optional.empty()
        : Optional.of(toConfig(Content.attach(info, WorkspaceApi.exporter(ctx.client(), id, exportFormat)), ctx.rendering()));
  }

  @Override
  public final String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String path = attrs.get("path").asText();
    WorkspaceApi.mkdirsParent(ctx, path);
    write(ctx, path, attrs);
    return path;
  }

  @Override
  public final void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    write(ctx, id, attrs);
  }

  @Override
  public final void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    WorkspaceApi.delete(ctx, id, false);
  }

  @Override
  public final Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String path = attrs.get("path").asText();
    return Optional.ofNullable(WorkspaceApi.listedStatusOfType(ctx, path, objectType)).map(i -> path);
  }
}
