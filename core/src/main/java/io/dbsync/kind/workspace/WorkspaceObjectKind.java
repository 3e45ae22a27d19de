package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;

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
  private final String type;
  private final String directory;
  private final String objectType;
  private final String exportFormat;
  private final String permissionsType;
  private final String permissionsSelector;

  WorkspaceObjectKind(String type, String directory, String objectType, String exportFormat,
                      String permissionsType, String permissionsSelector) {
    this.type = type;
    this.directory = directory;
    this.objectType = objectType;
    this.exportFormat = exportFormat;
    this.permissionsType = permissionsType;
    this.permissionsSelector = permissionsSelector;
  }

  /** This kind's objects among those the scan found. */
  abstract List<JsonNode> scanned(WorkspaceScan scan);

  /** Writes the artifact to {@code path} (create and update are the same overwriting import). */
  abstract void write(ApplyContext ctx, String path, ObjectNode attrs) throws Exception;

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final String configKey() {
    return "notebook";
  }

  @Override
  public final String directory() {
    return directory;
  }

  @Override
  public final Set<String> forceNew() {
    return Set.of("path");
  }

  @Override
  public final List<SourceObject> list(ExportContext ctx) throws Exception {
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode info : scanned(WorkspaceScan.of(ctx, type))) {
      String path = info.path("path").asText();
      out.add(new SourceObject(path, Names.safe(path), info));
    }
    return out;
  }

  @Override
  public final List<ExportedResource> export(ExportContext ctx, SourceObject obj) throws Exception {
    JsonNode info = obj.details() != null ? obj.details() : Ws.statusOfType(ctx.client(), obj.id(), objectType);
    if (info == null) {
      return List.of();
    }
    JsonNode raw = Content.attach(info, Ws.exporter(ctx.client(), obj.id(), exportFormat));
    List<ExportedResource> out = new ArrayList<>();
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    CustomMapVars.apply(attrs, ctx.settings(), ctx.rendering());
    out.add(new ExportedResource(type, obj.name(), attrs));
    PermissionsKind.export(ctx, permissionsType, info.path("object_id").asText(), permissionsSelector,
        ctx.rendering().ref(type, obj.id(), "id"), obj.name()).ifPresent(out::add);
    return out;
  }

  @Override
  public final JsonNode read(WorkspaceClient client, String id) throws Exception {
    JsonNode info = Ws.statusOfType(client, id, objectType);
    return info == null ? null : Content.attach(info, Ws.exporter(client, id, exportFormat));
  }

  @Override
  public final String create(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String path = attrs.get("path").asText();
    Ws.mkdirsParent(ctx.client(), path);
    write(ctx, path, attrs);
    return path;
  }

  @Override
  public final void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws Exception {
    write(ctx, id, attrs);
  }

  @Override
  public final void delete(ApplyContext ctx, String id, ObjectNode prior) throws Exception {
    Ws.delete(ctx.client(), id, false);
  }

  @Override
  public final Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String path = attrs.get("path").asText();
    return Optional.ofNullable(Ws.statusOfType(ctx.client(), path, objectType)).map(i -> path);
  }
}
