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
    all.add(new io.dbsync.emulator.permissions.PermissionsFamily());
    all.add(new io.dbsync.emulator.meta.MetaFamily());
    all.add(new io.dbsync.emulator.sql.SqlFamily());
    all.add(new io.dbsync.emulator.commands.CommandsFamily());
    all.add(new io.dbsync.emulator.uc.UnityCatalogFamily());
    return all;
  }
}
