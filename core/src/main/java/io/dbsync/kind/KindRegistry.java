package io.dbsync.kind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every kind the tool knows. Adding a kind is one new class plus one line here. */
public final class KindRegistry {
  private final Map<String, Kind> byType = new LinkedHashMap<>();

  public KindRegistry(List<Kind> kinds) {
    for (Kind k : kinds) {
      byType.put(k.type(), k);
    }
  }

  /** The standard registry, in export order (objects others refer to come first). */
  public static KindRegistry standard() {
    List<Kind> all = new ArrayList<>();
    // one line per kind, e.g. all.add(new io.dbsync.kind.compute.ClusterPolicyKind());
    all.add(new io.dbsync.kind.compute.InstanceProfileKind());
    all.add(new io.dbsync.kind.identity.UserKind());
    all.add(new io.dbsync.kind.identity.ServicePrincipalKind());
    all.add(new io.dbsync.kind.identity.GroupKind());
    all.add(new io.dbsync.kind.identity.GroupMemberKind());
    all.add(new io.dbsync.kind.identity.UserInstanceProfileKind());
    all.add(new io.dbsync.kind.identity.GroupInstanceProfileKind());
    all.add(new io.dbsync.kind.workspace.SecretScopeKind());
    all.add(new io.dbsync.kind.workspace.SecretKind());
    all.add(new io.dbsync.kind.workspace.SecretAclKind());
    all.add(new io.dbsync.kind.workspace.DirectoryKind());
    all.add(new io.dbsync.kind.workspace.NotebookKind());
    all.add(new io.dbsync.kind.workspace.WorkspaceFileKind());
    all.add(new io.dbsync.kind.workspace.DbfsFileKind());
    all.add(new io.dbsync.kind.compute.GlobalInitScriptKind());
    all.add(new io.dbsync.kind.compute.ClusterPolicyKind());
    all.add(new io.dbsync.kind.compute.InstancePoolKind());
    all.add(new io.dbsync.kind.compute.ClusterKind());
    all.add(new io.dbsync.kind.compute.JobKind());
    all.add(new io.dbsync.kind.permissions.PermissionsKind());
    all.add(new io.dbsync.kind.admin.MountKind());
    all.add(new io.dbsync.kind.admin.SqlTableKind());
    all.add(new io.dbsync.kind.admin.SqlPermissionsKind());
    return new KindRegistry(all);
  }

  public List<Kind> all() {
    return Collections.unmodifiableList(new ArrayList<>(byType.values()));
  }

  /** Kinds that export their own files (not resource-only). */
  public List<Kind> exportable() {
    return byType.values().stream().filter(k -> k.directory() != null).toList();
  }

  /** Config keys of every kind (so config validation accepts kinds this build adds). */
  public List<String> configKeys() {
    return byType.values().stream().map(Kind::configKey).filter(k -> k != null).distinct().toList();
  }

  public Optional<Kind> byType(String type) {
    return Optional.ofNullable(byType.get(type));
  }
}
