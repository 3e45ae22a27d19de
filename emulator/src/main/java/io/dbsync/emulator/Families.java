package io.dbsync.emulator;

import java.util.ArrayList;
import java.util.List;

/** The registry of emulated API families: adding a family is one line here. */
final class Families {
  private Families() {}

  static List<Family> all() {
    List<Family> all = new ArrayList<>();
    // one line per family, e.g. all.add(new io.dbsync.emulator.clusters.ClustersFamily());
    all.add(new io.dbsync.emulator.compute.PoliciesFamily());
    all.add(new io.dbsync.emulator.compute.InstancePoolsFamily());
    all.add(new io.dbsync.emulator.compute.InstanceProfilesFamily());
    all.add(new io.dbsync.emulator.compute.ClustersFamily());
    all.add(new io.dbsync.emulator.compute.LibrariesFamily());
    all.add(new io.dbsync.emulator.compute.GlobalInitScriptsFamily());
    all.add(new io.dbsync.emulator.jobs.JobsFamily());
    all.add(new io.dbsync.emulator.workspace.WorkspaceFamily());
    all.add(new io.dbsync.emulator.dbfs.DbfsFamily());
    all.add(new io.dbsync.emulator.secrets.SecretsFamily());
    all.add(new io.dbsync.emulator.scim.ScimFamily());
    all.add(new io.dbsync.emulator.auth.TokensFamily());
    all.add(new io.dbsync.emulator.oauth.OAuthFamily());
    all.add(new io.dbsync.emulator.permissions.PermissionsFamily());
    all.add(new io.dbsync.emulator.meta.MetaFamily());
    all.add(new io.dbsync.emulator.sql.SqlFamily());
    all.add(new io.dbsync.emulator.commands.CommandsFamily());
    all.add(new io.dbsync.emulator.repos.ReposFamily());
    all.add(new io.dbsync.emulator.sql.QueriesFamily());
    all.add(new io.dbsync.emulator.sql.AlertsFamily());
    all.add(new io.dbsync.emulator.dashboards.LakeviewFamily());
    all.add(new io.dbsync.emulator.pipelines.PipelinesFamily());
    all.add(new io.dbsync.emulator.mlflow.ExperimentsFamily());
    all.add(new io.dbsync.emulator.mlflow.RegisteredModelsFamily());
    all.add(new io.dbsync.emulator.serving.ServingEndpointsFamily());
    all.add(new io.dbsync.emulator.settings.WorkspaceConfFamily());
    all.add(new io.dbsync.emulator.settings.IpAccessListsFamily());
    all.add(new io.dbsync.emulator.settings.NotificationDestinationsFamily());
    all.add(new io.dbsync.emulator.uc.UnityCatalogFamily());
    return all;
  }
}
