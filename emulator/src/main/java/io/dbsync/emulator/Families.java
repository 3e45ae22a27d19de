package io.dbsync.emulator;

import io.dbsync.emulator.auth.TokensFamily;
import io.dbsync.emulator.commands.CommandsFamily;
import io.dbsync.emulator.compute.ClustersFamily;
import io.dbsync.emulator.compute.GlobalInitScriptsFamily;
import io.dbsync.emulator.compute.InstancePoolsFamily;
import io.dbsync.emulator.compute.InstanceProfilesFamily;
import io.dbsync.emulator.compute.LibrariesFamily;
import io.dbsync.emulator.compute.PoliciesFamily;
import io.dbsync.emulator.dashboards.LakeviewFamily;
import io.dbsync.emulator.dbfs.DbfsFamily;
import io.dbsync.emulator.jobs.JobsFamily;
import io.dbsync.emulator.meta.MetaFamily;
import io.dbsync.emulator.mlflow.ExperimentsFamily;
import io.dbsync.emulator.mlflow.RegisteredModelsFamily;
import io.dbsync.emulator.oauth.OAuthFamily;
import io.dbsync.emulator.permissions.PermissionsFamily;
import io.dbsync.emulator.pipelines.PipelinesFamily;
import io.dbsync.emulator.repos.ReposFamily;
import io.dbsync.emulator.scim.ScimFamily;
import io.dbsync.emulator.secrets.SecretsFamily;
import io.dbsync.emulator.serving.ServingEndpointsFamily;
import io.dbsync.emulator.settings.IpAccessListsFamily;
import io.dbsync.emulator.settings.NotificationDestinationsFamily;
import io.dbsync.emulator.settings.WorkspaceConfFamily;
import io.dbsync.emulator.sql.AlertsFamily;
import io.dbsync.emulator.sql.QueriesFamily;
import io.dbsync.emulator.sql.SqlFamily;
import io.dbsync.emulator.uc.UnityCatalogFamily;
import io.dbsync.emulator.workspace.WorkspaceFamily;

import java.util.List;

/** The registry of emulated API families: adding a family is one line here. */
final class Families {
  private Families() {}

  static List<Family> all() {
    return List.of(
        new PoliciesFamily(),
        new InstancePoolsFamily(),
        new InstanceProfilesFamily(),
        new ClustersFamily(),
        new LibrariesFamily(),
        new GlobalInitScriptsFamily(),
        new JobsFamily(),
        new WorkspaceFamily(),
        new DbfsFamily(),
        new SecretsFamily(),
        new ScimFamily(),
        new TokensFamily(),
        new OAuthFamily(),
        new PermissionsFamily(),
        new MetaFamily(),
        new SqlFamily(),
        new CommandsFamily(),
        new ReposFamily(),
        new QueriesFamily(),
        new AlertsFamily(),
        new LakeviewFamily(),
        new PipelinesFamily(),
        new ExperimentsFamily(),
        new RegisteredModelsFamily(),
        new ServingEndpointsFamily(),
        new WorkspaceConfFamily(),
        new IpAccessListsFamily(),
        new NotificationDestinationsFamily(),
        new UnityCatalogFamily());
  }
}
