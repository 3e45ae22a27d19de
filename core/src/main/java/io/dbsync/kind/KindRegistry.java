package io.dbsync.kind;

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

/** Every kind the tool knows. Adding a kind is one new class plus one line in {@link #standard}. */
public final class KindRegistry {
  private final Map<String, Kind> byType = new LinkedHashMap<>();

  public KindRegistry(List<Kind> kinds) {
    for (Kind k : kinds) {
      byType.put(k.info().type(), k);
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
        new HiveDenyKind()));
  }

  public List<Kind> all() {
    return Collections.unmodifiableList(new ArrayList<>(byType.values()));
  }

  /** Kinds that export their own files (not resource-only). */
  public List<Kind> exportable() {
    return byType.values().stream().filter(k -> k.info().hasDirectory()).toList();
  }

  /** Config keys of every kind (so config validation accepts kinds this build adds). */
  public List<String> configKeys() {
    return byType.values().stream().map(k -> k.info().configKey()).filter(k -> k != null).distinct().toList();
  }

  public Optional<Kind> byType(String type) {
    return Optional.ofNullable(byType.get(type));
  }
}
