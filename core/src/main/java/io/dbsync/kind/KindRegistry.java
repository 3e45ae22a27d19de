package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.kind.admin.HiveDenyKind;
import io.dbsync.kind.admin.HiveSchemaKind;
import io.dbsync.kind.admin.MountKind;
import io.dbsync.kind.admin.SqlPermissionsKind;
import io.dbsync.kind.admin.SqlTableKind;
import io.dbsync.kind.compute.ClusterKind;
import io.dbsync.kind.compute.ClusterPolicyKind;
import io.dbsync.kind.compute.GlobalInitScriptKind;
import io.dbsync.kind.compute.InstancePoolKind;
import io.dbsync.kind.compute.InstanceProfileKind;
import io.dbsync.kind.compute.JobKind;
import io.dbsync.kind.identity.GroupInstanceProfileKind;
import io.dbsync.kind.identity.GroupKind;
import io.dbsync.kind.identity.GroupMemberKind;
import io.dbsync.kind.identity.ServicePrincipalKind;
import io.dbsync.kind.identity.UserInstanceProfileKind;
import io.dbsync.kind.identity.UserKind;
import io.dbsync.kind.ml.ExperimentKind;
import io.dbsync.kind.ml.MlflowModelKind;
import io.dbsync.kind.ml.ModelServingKind;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.kind.repos.RepoKind;
import io.dbsync.kind.sql.AlertKind;
import io.dbsync.kind.sql.DashboardKind;
import io.dbsync.kind.sql.NotificationDestinationKind;
import io.dbsync.kind.sql.QueryKind;
import io.dbsync.kind.sql.SqlWarehouseKind;
import io.dbsync.kind.pipelines.PipelineKind;
import io.dbsync.kind.settings.IpAccessListKind;
import io.dbsync.kind.settings.WorkspaceConfKind;
import io.dbsync.kind.uc.CatalogKind;
import io.dbsync.kind.uc.ConnectionKind;
import io.dbsync.kind.uc.ExternalLocationKind;
import io.dbsync.kind.uc.GrantsKind;
import io.dbsync.kind.uc.RegisteredModelKind;
import io.dbsync.kind.uc.SchemaKind;
import io.dbsync.kind.uc.StorageCredentialKind;
import io.dbsync.kind.uc.UcTableKind;
import io.dbsync.kind.uc.VolumeKind;
import io.dbsync.kind.uc.WorkspaceBindingKind;
import io.dbsync.kind.workspace.DbfsFileKind;
import io.dbsync.kind.workspace.DirectoryKind;
import io.dbsync.kind.workspace.NotebookKind;
import io.dbsync.kind.workspace.SecretAclKind;
import io.dbsync.kind.workspace.SecretKind;
import io.dbsync.kind.workspace.SecretScopeKind;
import io.dbsync.kind.workspace.WorkspaceFileKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind the tool knows. Adding a kind is one new class plus one line in {@link #standard}.
 *
 * <p>One Terraform type may be exported by several kinds with their own folders and config keys
 * (databricks_schema and databricks_sql_table: the Hive metastore's in kind.admin, Unity Catalog's in
 * kind.uc). At import each object goes to the first of its type's kinds that {@link Kind#handles} it
 * ({@link #forObject}), so every kind sees only its own objects.
 */
public final class KindRegistry {
  private final List<Kind> kinds = new ArrayList<>();
  private final Map<String, List<Kind>> byType = new LinkedHashMap<>();

  public KindRegistry(List<Kind> kinds) {
    for (Kind k : kinds) {
      this.kinds.add(k);
      byType.computeIfAbsent(k.info().type(), t -> new ArrayList<>()).add(k);
    }
  }

  /** The standard registry, in export order (objects others refer to come first). */
  public static KindRegistry standard() {
    return new KindRegistry(List.of(
        new InstanceProfileKind(),
        new UserKind(),
        new ServicePrincipalKind(),
        new GroupKind(),
        new GroupMemberKind(),
        new UserInstanceProfileKind(),
        new GroupInstanceProfileKind(),
        new SecretScopeKind(),
        new SecretKind(),
        new SecretAclKind(),
        new DirectoryKind(),
        new NotebookKind(),
        new WorkspaceFileKind(),
        new RepoKind(),
        new DbfsFileKind(),
        new GlobalInitScriptKind(),
        new NotificationDestinationKind(),
        new SqlWarehouseKind(),
        new QueryKind(),
        new AlertKind(),
        new DashboardKind(),
        new ClusterPolicyKind(),
        new InstancePoolKind(),
        new ClusterKind(),
        new JobKind(),
        new PipelineKind(),
        new ExperimentKind(),
        new MlflowModelKind(),
        new ModelServingKind(),
        new WorkspaceConfKind(),
        new IpAccessListKind(),
        new PermissionsKind(),
        new MountKind(),
        new HiveSchemaKind(),
        new SqlTableKind(),
        new SqlPermissionsKind(),
        new HiveDenyKind(),
        new StorageCredentialKind(),
        new ExternalLocationKind(),
        new ConnectionKind(),
        new CatalogKind(),
        new SchemaKind(),
        new VolumeKind(),
        new UcTableKind(),
        new RegisteredModelKind(),
        new GrantsKind(),
        new WorkspaceBindingKind()));
  }

  public List<Kind> all() {
    return Collections.unmodifiableList(new ArrayList<>(kinds));
  }

  /** Kinds that export their own files (not resource-only). */
  public List<Kind> exportable() {
    return kinds.stream().filter(k -> k.info().hasDirectory()).toList();
  }

  /** Config keys of every kind (so config validation accepts kinds this build adds). */
  public List<String> configKeys() {
    return kinds.stream().map(k -> k.info().configKey()).filter(k -> k != null).distinct().toList();
  }

  /** True when some kind handles resources of {@code type}. */
  public boolean knows(String type) {
    return byType.containsKey(type);
  }

  /** True when {@code type}'s kinds are resource-only (their resources go into a parent's file). */
  public boolean resourceOnly(String type) {
    List<Kind> of = byType.getOrDefault(type, List.of());
    return !of.isEmpty() && of.stream().noneMatch(k -> k.info().hasDirectory());
  }

  /**
   * The kind of one object of {@code type}: the first of the type's kinds that handles it
   * ({@link Kind#handles}; {@code id} null before the object exists, {@code attrs} null when only the
   * id is known), or empty when none does.
   */
  public Optional<Kind> forObject(String type, String id, JsonNode attrs) {
    return byType.getOrDefault(type, List.of()).stream().filter(k -> k.handles(id, attrs)).findFirst();
  }
}
