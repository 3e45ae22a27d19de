package io.dbsync.plan;

import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.tf.config.ConfigException;
import io.dbsync.tf.config.DesiredResource;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * --databricks-object-type: which exports/ folders take part in an import. Like the original tool,
 * which staged only the selected folders, selection is by folder, so children that live in their
 * parent's file (permissions, members, secrets) follow their parent. A value may be a kind's config
 * key ("cluster_policy", "identity", "secrets"), a Terraform type ("databricks_cluster", or without the
 * prefix) or a folder name, in any case ("CLUSTER_POLICY" as the seed documents). Empty = everything.
 */
public final class ObjectTypeSelection {
  private final Set<String> dirs;

  private ObjectTypeSelection(Set<String> dirs) {
    this.dirs = dirs;
  }

  public static ObjectTypeSelection all() {
    return new ObjectTypeSelection(null);
  }

  /**
   * @param values       the option values
   * @param kinds        registry (config keys, types, directories)
   * @param existingDirs folders present in the exports dir (a value may name one directly)
   */
  public static ObjectTypeSelection of(Collection<String> values, KindRegistry kinds,
                                       Collection<String> existingDirs) throws ConfigException {
    if (values == null || values.isEmpty()) {
      return all();
    }
    Set<String> dirs = new TreeSet<>();
    for (String raw : values) {
      String v = raw.trim().toLowerCase(Locale.ROOT);
      boolean matched = false;
      for (Kind k : kinds.all()) {
        if (k.info().directory() == null) {
          continue;
        }
        if (v.equals(k.info().configKey().toLowerCase(Locale.ROOT)) || v.equals(k.info().type())
            || ("databricks_" + v).equals(k.info().type()) || v.equals(k.info().directory())) {
          dirs.add(k.info().directory());
          matched = true;
        }
      }
      if (existingDirs.contains(v)) {
        dirs.add(v);
        matched = true;
      }
      if (!matched) {
        Set<String> valid = new TreeSet<>();
        kinds.exportable().forEach(k -> valid.add(k.info().configKey()));
        throw new ConfigException("unknown --databricks-object-type \"" + raw + "\"; valid values: "
            + String.join(", ", valid) + " (or a Terraform type / exports folder)");
      }
    }
    return new ObjectTypeSelection(dirs);
  }

  public boolean selectsEverything() {
    return dirs == null;
  }

  /** Selected folders, or null when everything is selected. */
  public Set<String> dirs() {
    return dirs;
  }

  public boolean includes(DesiredResource r) {
    return includesDir(r.dir());
  }

  /** True for a resource kept in this exports/ folder (null: a file at the exports root). */
  public boolean includesDir(String dir) {
    return dirs == null || (dir != null && dirs.contains(dir));
  }
}
